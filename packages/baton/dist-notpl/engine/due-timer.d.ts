import type { Clock } from '@baton/core';
/**
 * Makes delayed tasks ready when they are due: one timer, armed for the earliest
 * due time in the store, re-armed after each firing and whenever an earlier task
 * arrives. No fixed-interval poll, so an idle engine does no work and a due task
 * is promoted within the timer's precision.
 */
interface DueTimer {
    /** Tell the timer a task is due at `runAt`; re-arms if that is sooner than what it waits for. */
    schedule(runAt: number): void;
    /** Re-reads the next due time from the store. */
    rearm(): Promise<void>;
    stop(): void;
}
declare function createDueTimer(params: {
    clock: Clock;
    nextDueAt: () => Promise<number | null>;
    promote: () => Promise<number>;
    onError: (error: unknown) => void;
}): DueTimer;
export { createDueTimer };
export type { DueTimer };
//# sourceMappingURL=due-timer.d.ts.map