import type { NewTask, PromotionHandoff, TaskView } from '@baton/core';
/**
 * Hands a task submitted on this node straight to one of its agents that is
 * waiting for work, claimed in the same write as the submission (ADR 0026).
 * A task submitted to an idle agent otherwise takes two commits before its
 * handler starts: the submit, then the claim its wake-up sends. This one
 * starts after the first.
 *
 * Only an agent that found nothing to claim is offered work, so no task queued
 * before is passed over; and only a task that nothing else could hold back: no
 * run time of its own, no target, serial key, limit key, job or broadcast, and
 * no idempotency key (which may name a task that exists already). The
 * store checks the rest (a paused type, limits on the type) and submits the
 * task as usual when any applies.
 */
interface IdleClaimer {
    agentId: string;
    types: ReadonlySet<string>;
    /** Free slots: how many tasks it asked for. */
    limit: number;
}
/** What a claimer waiting for work holds: the tasks handed to it, once a submission in flight has settled. */
interface HandoffWait {
    /** Resolves when tasks were handed to this claimer. */
    readonly offered: Promise<void>;
    /** Stops offering; waits for a submission that reserved this claimer to settle, and returns what it was handed. */
    close(): Promise<TaskView[]>;
}
/** A submission's reservation of idle claimers: which agent each task goes to, settled once the store has answered. */
interface Reservation {
    agents: ReadonlyMap<string, string>;
    /** The tasks as the store wrote them (none when the write failed); those claimed by their reserved agent are delivered. */
    settle(written: readonly TaskView[]): void;
}
interface Handoffs {
    wait(claimer: IdleClaimer): HandoffWait;
    /** Idle claimers for these new tasks, or null when none would take any. */
    reserve(tasks: readonly NewTask[]): Reservation | null;
    /** One idle claimer, for due tasks about to be promoted: which they will be, only the store knows. */
    reserveOne(): {
        claimer: IdleClaimer;
        settle(written: readonly TaskView[]): void;
    } | null;
}
/** A task no claim condition could hold back, other than what only the store knows. */
declare function mayHandOff(task: NewTask): boolean;
declare function createHandoffs(): Handoffs;
/**
 * Promotes due tasks, handing those of one idle claimer's types to it in the
 * promotion's own write (TaskReady, TaskClaimed). Returns what was promoted,
 * handed over or not.
 */
declare function promoteHandingOver(params: {
    handoffs: Handoffs;
    leaseMs: number;
    promote: (handoff: PromotionHandoff | undefined) => Promise<TaskView[]>;
}): Promise<TaskView[]>;
export { createHandoffs, mayHandOff, promoteHandingOver };
export type { Handoffs, HandoffWait, Reservation, IdleClaimer };
//# sourceMappingURL=handoff.d.ts.map