import type { ClaimTask, Handoff, TaskView } from '@baton/core';

/**
 * The claim that hands a task just submitted to its reserved agent (see
 * Handoff), or null: no agent was reserved for it, its type is held back
 * (tasks of it already queued come first; paused; under limits), or it was
 * not created ready. Both stores decide and write it in the submission's own
 * transaction.
 */
function handoffClaim(params: { handoff: Handoff | undefined; heldTypes: ReadonlySet<string> | 'all'; created: TaskView; now: number }): ClaimTask | null {
  const { handoff, created } = params;
  const agentId = handoff?.agents.get(created.id);
  if (!handoff || agentId === undefined || created.state !== 'queued') return null;
  if (params.heldTypes === 'all' || params.heldTypes.has(created.type)) return null;
  return { kind: 'Claim', taskId: created.id, agentId, leaseMs: handoff.leaseMs, now: params.now };
}

export { handoffClaim };
