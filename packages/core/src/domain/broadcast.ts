import type { AgentLabels } from './agent-state.js';
import type { NewTask } from './task-commands.js';
import type { TaskTarget, TaskView } from './task-state.js';

/** Whether an agent with these labels may run a task with this target (every listed tag must be among the agent's). */
function matchesTarget(params: { agentId: string; labels: AgentLabels; target: TaskTarget | null }): boolean {
  const { target, labels } = params;
  if (!target) return true;
  if (target.agentId !== null && target.agentId !== params.agentId) return false;
  if (target.service !== null && target.service !== labels.service) return false;
  return target.tags.every((tag) => labels.tags.includes(tag));
}

/** The agents, of those given, that run this type and match this target: who may run a task, or get a broadcast copy. */
function agentsFor<A extends { id: string; types: readonly string[]; labels: AgentLabels }>(params: { agents: readonly A[]; type: string; target: TaskTarget | null }): A[] {
  return params.agents.filter((a) => a.types.includes(params.type) && matchesTarget({ agentId: a.id, labels: a.labels, target: params.target }));
}

/**
 * The copies a broadcast step makes when it fans out: one per picked agent,
 * pinned to it, with the step's type, payload and retry policy. They belong to
 * the step's job, so the job moves on when they end.
 */
function broadcastCopies(params: { step: TaskView; agentIds: readonly string[]; childIds: readonly string[]; now: number }): NewTask[] {
  const { step } = params;
  return params.agentIds.map((agentId, i) => ({
    taskId: params.childIds[i] ?? '',
    taskType: step.type,
    payloadVersion: step.payloadVersion,
    payload: step.payload,
    priority: step.priority,
    runAt: params.now,
    maxAttempts: step.maxAttempts,
    backoff: step.backoff,
    timeoutMs: step.timeoutMs,
    idempotencyKey: null,
    target: { service: step.target?.service ?? null, tags: step.target?.tags ?? [], agentId },
    job: step.jobId === null ? null : { jobId: step.jobId, key: `${step.key ?? step.id}@${agentId}`, dependsOn: [] },
    parentId: step.id,
    trace: step.trace,
  }));
}

export { matchesTarget, agentsFor, broadcastCopies };
