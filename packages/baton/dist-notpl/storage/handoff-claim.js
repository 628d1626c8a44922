/**
 * The claim that hands a task just submitted to its reserved agent (see
 * Handoff), or null: no agent was reserved for it, it has an idempotency
 * key (the engine never reserves for one), its type is held back
 * (tasks of it already queued come first; paused; under limits), or it was
 * not created ready. Both stores decide and write it in the submission's own
 * transaction.
 */
function handoffClaim(params) {
    const { handoff, created } = params;
    const agentId = handoff?.agents.get(created.id);
    if (!handoff || agentId === undefined || created.state !== 'queued' || created.idempotencyKey !== null)
        return null;
    if (params.heldTypes === 'all' || params.heldTypes.has(created.type))
        return null;
    return { kind: 'Claim', taskId: created.id, agentId, leaseMs: handoff.leaseMs, now: params.now };
}
/**
 * A task a claim would take at once were it queued, as far as its own fields
 * tell: no target, serial key, limit key, job or broadcast. (The store checks
 * the rest: its type paused, under limits, or with tasks queued already.)
 * A job's task is left to the claim, which hands it its dependencies' results.
 */
function handoffEligible(task) {
    return task.target === null && task.serialKey === null && task.limitKey === null && task.jobId === null && task.broadcast === null && task.parentId === null;
}
export { handoffClaim, handoffEligible };
//# sourceMappingURL=handoff-claim.js.map