import { z } from 'zod';
import { TraceContextSchema } from './trace-context.js';

/**
 * Where a task is in its life. See docs/state-machine.md for the chart.
 * `blocked`: a job's task waiting for the tasks it depends on.
 */
const TaskStateSchema = z.enum(['blocked', 'scheduled', 'queued', 'running', 'succeeded', 'failed', 'cancelled']);
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
    /** What the handler wants kept about the failure (a callback's response status and excerpt). */
    details: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();
type ErrorInfo = z.infer<typeof ErrorInfoSchema>;

const LabelSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9_.:=\/-]*$/, 'letters, digits and _.:=/- only');

/**
 * Which agents may run a task: one whose service is `service` (when given) and
 * whose tags include every tag listed. `agentId` pins the task to one agent
 * (a broadcast step's copy for that agent).
 */
const TaskTargetSchema = z
  .object({
    service: LabelSchema.nullable(),
    tags: z.array(LabelSchema).max(20),
    agentId: z.string().min(1).max(200).nullable(),
  })
  .strict();
type TaskTarget = z.infer<typeof TaskTargetSchema>;

/** What a broadcast step does when an agent it picked is lost before its copy ends. */
const AgentLostPolicySchema = z.enum(['fail', 'skip']);
type AgentLostPolicy = z.infer<typeof AgentLostPolicySchema>;

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
    /** Who may claim it; null: any agent that runs the type. */
    target: TaskTargetSchema.nullable(),
    /** At most one task per serial key runs at a time, in queue order. */
    serialKey: z.string().nullable(),
    /** The key whose limits (concurrency, rate) it counts against, besides its type's. */
    limitKey: z.string().nullable(),
    /**
     * Queue order: the sequence of the TaskSubmitted event, or of the last
     * TaskRetried (a retried task goes to the back, so serial keys keep order).
     */
    queueSeq: z.number().int(),
    /** The job it belongs to, its key there and the ids of the tasks it waits for. */
    jobId: z.string().nullable(),
    key: z.string().nullable(),
    dependsOn: z.array(z.string()),
    /** A broadcast step: runs once on every live agent matching its target, as child tasks. */
    broadcast: z.object({ onAgentLost: AgentLostPolicySchema }).strict().nullable(),
    /** The agents a broadcast step picked and the child task made for each. */
    fanout: z.object({ agentIds: z.array(z.string()), childIds: z.array(z.string()) }).strict().nullable(),
    /** For a broadcast step's child: the step. */
    parentId: z.string().nullable(),
    /** The submitter's W3C trace context: each run's span is its child. */
    trace: TraceContextSchema.nullable(),
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
  TaskTargetSchema,
  AgentLostPolicySchema,
  LabelSchema,
};
export type { TaskState, BackoffPolicy, ErrorInfo, AttemptError, TaskView, TaskTarget, AgentLostPolicy };
