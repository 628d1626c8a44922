import { z } from 'zod';

/** Where a task is in its life. See docs/state-machine.md for the chart. */
const TaskStateSchema = z.enum(['scheduled', 'queued', 'running', 'succeeded', 'failed', 'cancelled']);
type TaskState = z.infer<typeof TaskStateSchema>;

const TERMINAL_STATES: ReadonlySet<TaskState> = new Set(['succeeded', 'failed', 'cancelled']);

function isTerminal(state: TaskState): boolean {
  return TERMINAL_STATES.has(state);
}

const BackoffPolicySchema = z
  .object({
    baseMs: z.number().int().min(0).max(86_400_000),
    factor: z.number().min(1).max(10),
    maxMs: z.number().int().min(0).max(7 * 86_400_000),
    /** 0 = no jitter, 1 = anywhere between 0 and the full delay. */
    jitter: z.number().min(0).max(1),
  })
  .strict();
type BackoffPolicy = z.infer<typeof BackoffPolicySchema>;

const ErrorInfoSchema = z
  .object({
    name: z.string(),
    message: z.string(),
    stack: z.string().optional(),
  })
  .strict();
type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

/** One failed attempt, kept forever in the task's history. */
const AttemptErrorSchema = ErrorInfoSchema.extend({
  attempt: z.number().int(),
  token: z.number().int(),
  at: z.number(),
});
type AttemptError = z.infer<typeof AttemptErrorSchema>;

/**
 * The projection of one task stream: exactly what folding its events through
 * `evolve` gives. Times are epoch milliseconds.
 */
const TaskViewSchema = z
  .object({
    id: z.string(),
    type: z.string(),
    payloadVersion: z.number().int(),
    payload: z.unknown(),
    state: TaskStateSchema,
    priority: z.number().int(),
    runAt: z.number(),
    submittedAt: z.number(),
    updatedAt: z.number(),
    /** Global sequence of the TaskSubmitted event: the submission order. */
    submitSeq: z.number().int(),
    /** Attempts that counted against maxAttempts (a released claim does not). */
    attempt: z.number().int(),
    maxAttempts: z.number().int(),
    /** Fencing token: the number of claims so far. Reports must carry the current one. */
    token: z.number().int(),
    agentId: z.string().nullable(),
    leaseExpiresAt: z.number().nullable(),
    timeoutMs: z.number().int().nullable(),
    backoff: BackoffPolicySchema,
    idempotencyKey: z.string().nullable(),
    result: z.unknown(),
    /** The last progress the running attempt reported; cleared by each new claim. */
    progress: z.unknown(),
    errors: z.array(AttemptErrorSchema),
    cancelRequested: z.boolean(),
    /** Why the task ended, for failed and cancelled tasks. */
    endReason: z.string().nullable(),
    /** Per-stream version of the last event folded in. */
    version: z.number().int(),
  })
  .strict();
type TaskView = z.infer<typeof TaskViewSchema>;

export {
  TaskStateSchema,
  TERMINAL_STATES,
  isTerminal,
  BackoffPolicySchema,
  ErrorInfoSchema,
  AttemptErrorSchema,
  TaskViewSchema,
};
export type { TaskState, BackoffPolicy, ErrorInfo, AttemptError, TaskView };
