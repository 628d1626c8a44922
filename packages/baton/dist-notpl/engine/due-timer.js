/** setTimeout's own ceiling (about 24.8 days); a later due time is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * After a firing that promoted nothing, wait before trying again: Node's timers
 * may fire up to a millisecond before `Date.now()` reaches their time, the
 * store's clock (the database's, on PostgreSQL) may run a little behind this
 * node's, and another node may be promoting the same rows. A zero-delay re-arm
 * would spin, and a fixed long one made a task whose timer fired a hair early
 * start 50 ms late. So the wait doubles from 1 ms on each empty firing in a
 * row, up to 50 ms.
 */
const IDLE_REARM_FIRST_MS = 1;
const IDLE_REARM_MAX_MS = 50;
function createDueTimer(params) {
    let timer = null;
    let armedFor = null;
    let stopped = false;
    let running = null;
    let refire = false;
    let idleRearmMs = IDLE_REARM_FIRST_MS;
    function arm(at) {
        if (stopped)
            return;
        if (timer)
            clearTimeout(timer);
        armedFor = at;
        const delay = Math.min(Math.max(0, at - params.clock.now()), MAX_TIMER_MS);
        timer = setTimeout(fire, delay);
    }
    function fire() {
        timer = null;
        armedFor = null;
        if (running) {
            refire = true;
            return;
        }
        running = (async () => {
            try {
                // One batch per firing: if more is due, the next due time read below is now, and the timer fires again at
                // once. Asking the store again straight away cost a statement on every firing, nearly always for nothing.
                const promoted = stopped ? 0 : await params.promote();
                let notBefore = 0;
                if (promoted === 0) {
                    notBefore = params.clock.now() + idleRearmMs;
                    idleRearmMs = Math.min(idleRearmMs * 2, IDLE_REARM_MAX_MS);
                }
                else {
                    idleRearmMs = IDLE_REARM_FIRST_MS;
                }
                await rearmNow(notBefore);
            }
            catch (error) {
                params.onError(error);
                // A failing store must not stop delayed work for good: try again shortly.
                if (!stopped)
                    arm(params.clock.now() + 1_000);
            }
            finally {
                running = null;
                if (refire && !stopped) {
                    refire = false;
                    fire();
                }
            }
        })();
    }
    async function rearmNow(notBefore = 0) {
        const found = await params.nextDueAt();
        if (found === null || stopped)
            return;
        const next = Math.max(found, notBefore);
        if (armedFor === null || next < armedFor)
            arm(next);
    }
    return {
        schedule(runAt) {
            if (armedFor === null || runAt < armedFor)
                arm(runAt);
        },
        rearm: () => rearmNow(),
        stop() {
            stopped = true;
            if (timer)
                clearTimeout(timer);
            timer = null;
        },
    };
}
export { createDueTimer };
//# sourceMappingURL=due-timer.js.map