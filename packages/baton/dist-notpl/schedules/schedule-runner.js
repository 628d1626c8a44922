import { isTerminal, planTicks } from '@baton/core';
import { nextTick, ticksBetween } from './cron-ticks.js';
/** How late a tick may be handled and still count as on time, rather than missed. */
const DEFAULT_GRACE_MS = 60_000;
/** The longest the runner sleeps, so a schedule defined on another node is picked up. */
const MAX_SLEEP_MS = 1_000;
/**
 * Fires schedules: on the leader, one timer armed for the earliest next tick
 * of every active schedule (so a tick is handled within milliseconds of its
 * time, and never before it), re-read at least every second. Each tick
 * submits the schedule's task with the idempotency key
 * `schedule:<name>:<tick>`, so however many nodes handle a tick (a leader
 * change), it makes one task; then records the tick (ScheduleTicked).
 */
function createScheduleRunner(params) {
    const { store, clock } = params;
    const graceMs = params.graceMs ?? DEFAULT_GRACE_MS;
    let timer = null;
    let stopped = true;
    let running = Promise.resolve();
    async function fire(schedule, now) {
        const due = ticksBetween({ cron: schedule.cron, timezone: schedule.timezone, after: schedule.lastTick ?? schedule.definedAt, until: now });
        if (due.length === 0)
            return;
        const previous = schedule.lastTaskId ? await store.get({ taskId: schedule.lastTaskId }) : null;
        const plan = planTicks({ due, now, graceMs, missed: schedule.missed, previousRunning: !!previous && !isTerminal(previous.state), overlap: schedule.overlap });
        for (const { tick, outcome } of plan) {
            let taskId = null;
            if (outcome === 'submitted') {
                const task = await params.submit({ ...schedule.task, runAt: tick, idempotencyKey: `schedule:${schedule.name}:${tick}` });
                taskId = task.id;
            }
            await store.applySchedule({ command: { kind: 'RecordTick', name: schedule.name, tick, outcome, taskId } });
        }
    }
    /** Handles every due tick of every active schedule; returns when the next one is due. */
    async function pass() {
        if (!params.leadership.isLeader())
            return null;
        const now = clock.now();
        let earliest = null;
        for (const schedule of await store.listSchedules()) {
            if (schedule.paused)
                continue;
            try {
                await fire(schedule, now);
            }
            catch (error) {
                params.onError(error);
            }
            const next = nextTick({ cron: schedule.cron, timezone: schedule.timezone, after: Math.max(now, schedule.lastTick ?? 0) });
            if (next !== null && (earliest === null || next < earliest))
                earliest = next;
        }
        return earliest;
    }
    function arm(next) {
        if (stopped)
            return;
        const wait = next === null ? MAX_SLEEP_MS : Math.min(MAX_SLEEP_MS, Math.max(0, next - clock.now()));
        timer = setTimeout(beat, wait);
    }
    function beat() {
        timer = null;
        running = pass().then(arm, (error) => {
            params.onError(error);
            arm(null);
        });
    }
    return {
        start() {
            if (!stopped)
                return;
            stopped = false;
            beat();
        },
        /** Runs a pass now (tests, and after a schedule changes). */
        async runNow() {
            await running;
            await pass();
        },
        /** A schedule changed here: look again now rather than at the next beat. */
        poke() {
            if (stopped || timer === null)
                return;
            clearTimeout(timer);
            beat();
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
export { createScheduleRunner, DEFAULT_GRACE_MS };
//# sourceMappingURL=schedule-runner.js.map