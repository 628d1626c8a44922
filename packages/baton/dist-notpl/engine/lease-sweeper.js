const SWEEP_BATCH = 500;
/**
 * The supervisor's rescue: every `intervalMs`, while this node leads, tasks
 * whose lease ran out (their agent died, froze, or lost the database) go back
 * to the queue with the attempt counted, or fail when none is left. The store
 * does it with conditional updates, so a completion that wins the race is
 * never overwritten, and two nodes that both think they lead do no harm.
 * A dead agent's task is back in the queue within lease + interval.
 */
function createLeaseSweeper(params) {
    let timer = null;
    let stopped = false;
    let running = Promise.resolve();
    async function sweep() {
        if (!params.leadership.isLeader())
            return;
        for (;;) {
            const rescued = await params.store.expireLeases({ limit: SWEEP_BATCH, random: params.random });
            if (rescued.length > 0)
                params.onRescued(rescued);
            if (rescued.length < SWEEP_BATCH || stopped)
                break;
        }
        await params.expireAgents();
        await params.alsoEachBeat?.();
    }
    function beat() {
        timer = null;
        running = sweep()
            .catch(params.onError)
            .finally(() => {
            if (!stopped)
                timer = setTimeout(beat, params.intervalMs);
        });
    }
    return {
        start() {
            if (stopped || timer)
                return;
            timer = setTimeout(beat, params.intervalMs);
        },
        /** Sweeps now (tests, and a node that has just become leader). */
        async sweepNow() {
            await running;
            await sweep();
        },
        async stop() {
            stopped = true;
            if (timer)
                clearTimeout(timer);
            timer = null;
            await running;
        },
    };
}
export { createLeaseSweeper };
//# sourceMappingURL=lease-sweeper.js.map