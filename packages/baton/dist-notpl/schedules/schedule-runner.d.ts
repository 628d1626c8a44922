import { type Clock, type Leadership, type TaskStore, type TaskView } from '@baton/core';
/** How late a tick may be handled and still count as on time, rather than missed. */
declare const DEFAULT_GRACE_MS = 60000;
/**
 * Fires schedules: on the leader, one timer armed for the earliest next tick
 * of every active schedule (so a tick is handled within milliseconds of its
 * time, and never before it), re-read at least every second. Each tick
 * submits the schedule's task with the idempotency key
 * `schedule:<name>:<tick>`, so however many nodes handle a tick (a leader
 * change), it makes one task; then records the tick (ScheduleTicked).
 */
declare function createScheduleRunner(params: {
    store: TaskStore;
    clock: Clock;
    leadership: Leadership;
    submit: (input: Record<string, unknown>) => Promise<TaskView>;
    onError: (error: unknown) => void;
    graceMs?: number;
}): {
    start(): void;
    /** Runs a pass now (tests, and after a schedule changes). */
    runNow(): Promise<void>;
    /** A schedule changed here: look again now rather than at the next beat. */
    poke(): void;
    stop(): Promise<void>;
};
export { createScheduleRunner, DEFAULT_GRACE_MS };
//# sourceMappingURL=schedule-runner.d.ts.map