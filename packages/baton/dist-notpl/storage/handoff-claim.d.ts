import type { ClaimTask, Handoff, TaskView } from '@baton/core';
/**
 * The claim that hands a task just submitted to its reserved agent (see
 * Handoff), or null: no agent was reserved for it, it has an idempotency
 * key (the engine never reserves for one), its type is held back
 * (tasks of it already queued come first; paused; under limits), or it was
 * not created ready. Both stores decide and write it in the submission's own
 * transaction.
 */
declare function handoffClaim(params: {
    handoff: Handoff | undefined;
    heldTypes: ReadonlySet<string> | 'all';
    created: TaskView;
    now: number;
}): ClaimTask | null;
/**
 * A task a claim would take at once were it queued, as far as its own fields
 * tell: no target, serial key, limit key, job or broadcast. (The store checks
 * the rest: its type paused, under limits, or with tasks queued already.)
 * A job's task is left to the claim, which hands it its dependencies' results.
 */
declare function handoffEligible(task: TaskView): boolean;
export { handoffClaim, handoffEligible };
//# sourceMappingURL=handoff-claim.d.ts.map