import { z } from 'zod';
import { TraceContextSchema } from '../domain/trace-context.js';
import type { TaskView } from '../domain/task-state.js';

/** A task as an agent receives it from a claim: what the handler and its reports need, nothing more. */
const ClaimedTaskSchema = z.object({
  id: z.string(),
  type: z.string(),
  payloadVersion: z.number().int(),
  payload: z.unknown(),
  attempt: z.number().int(),
  maxAttempts: z.number().int(),
  /** The fencing token every report for this claim must carry. */
  token: z.number().int(),
  timeoutMs: z.number().int().nullable(),
  idempotencyKey: z.string().nullable(),
  leaseExpiresAt: z.number().nullable(),
  /** The job it belongs to and its key there; null for a task on its own. */
  jobId: z.string().nullable().default(null),
  key: z.string().nullable().default(null),
  /** The results of the tasks it depends on, by their keys (a broadcast copy sees its step's). */
  results: z.record(z.string(), z.unknown()).default({}),
  /** The submitter's trace context: the agent's run span is its child. */
  trace: TraceContextSchema.nullable().default(null),
});
type ClaimedTask = z.infer<typeof ClaimedTaskSchema>;

function toClaimedTask(task: TaskView, results: Record<string, unknown> = {}): ClaimedTask {
  return {
    id: task.id,
    type: task.type,
    payloadVersion: task.payloadVersion,
    payload: task.payload,
    attempt: task.attempt,
    maxAttempts: task.maxAttempts,
    token: task.token,
    timeoutMs: task.timeoutMs,
    idempotencyKey: task.idempotencyKey,
    leaseExpiresAt: task.leaseExpiresAt,
    jobId: task.jobId ?? null,
    key: task.key ?? null,
    results,
    trace: task.trace ?? null,
  };
}

export { ClaimedTaskSchema, toClaimedTask };
export type { ClaimedTask };
