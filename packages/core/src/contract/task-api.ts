import { z } from 'zod';
import { TraceparentSchema, TracestateSchema } from '../domain/trace-context.js';
import { BackoffPolicySchema, LabelSchema, TaskStateSchema, TaskViewSchema, type TaskView } from '../domain/task-state.js';

const MAX_BATCH = 1_000;
const MAX_DELAY_MS = 10 * 365 * 86_400_000;

const TaskTypeSchema = z.string().min(1).max(200).regex(/^[A-Za-z][A-Za-z0-9_.:-]*$/, 'must start with a letter and use only letters, digits and _.:-');
const IdempotencyKeySchema = z.string().min(1).max(200);

/** Which agents may run the task: their service, and tags they must all have. */
const TargetBodySchema = z
  .object({
    service: LabelSchema.optional(),
    tags: z.array(LabelSchema).max(20).optional(),
  })
  .strict();
type TargetBody = z.infer<typeof TargetBodySchema>;

/** What a task to run is, alone or in a job: everything but the idempotency key. */
const TaskSpecShape = {
  type: TaskTypeSchema,
  payload: z.unknown().optional(),
  /** The version the payload was written for; defaults to the definition's current version. */
  payloadVersion: z.number().int().min(1).max(1_000_000).optional(),
  priority: z.number().int().min(-1_000_000).max(1_000_000).optional(),
  /** ISO 8601 with an offset, or epoch milliseconds (the library also takes a Date). */
  runAt: z.union([z.iso.datetime({ offset: true }), z.number().int().min(0), z.date()]).optional(),
  delayMs: z.number().int().min(0).max(MAX_DELAY_MS).optional(),
  maxAttempts: z.number().int().min(1).max(1_000).optional(),
  backoff: BackoffPolicySchema.partial().optional(),
  timeoutMs: z.number().int().min(1).max(MAX_DELAY_MS).nullable().optional(),
  target: TargetBodySchema.optional(),
  /** At most one task with this key runs at a time, in the order they were queued. */
  serialKey: z.string().min(1).max(200).optional(),
  /** The key whose limits (set with PUT /v1/limits/keys/{key}) it counts against, besides its type's. */
  limitKey: z.string().min(1).max(200).optional(),
};

const onlyOneStart = {
  check: (body: { runAt?: unknown; delayMs?: unknown }) => body.runAt === undefined || body.delayMs === undefined,
  params: { message: 'give runAt or delayMs, not both', path: ['delayMs'] },
};

/** The body of POST /v1/tasks and one item of POST /v1/tasks/batch. */
const SubmitTaskBodySchema = z
  .object({
    ...TaskSpecShape,
    idempotencyKey: IdempotencyKeySchema.optional(),
    whenNoAgent: z.enum(['warn', 'refuse']).optional(),
    /** The trace this task belongs to (W3C); over HTTP the request's `traceparent` header serves too. */
    traceparent: TraceparentSchema.optional(),
    tracestate: TracestateSchema.optional(),
  })
  .strict()
  .refine(onlyOneStart.check, onlyOneStart.params);
type SubmitTaskBody = z.infer<typeof SubmitTaskBodySchema>;

const SubmitBatchBodySchema = z.object({ tasks: z.array(SubmitTaskBodySchema).min(1).max(MAX_BATCH) }).strict();
type SubmitBatchBody = z.infer<typeof SubmitBatchBodySchema>;

/** A task as the API shows it: the projection, with times as ISO 8601 strings. */
const TaskResourceSchema = TaskViewSchema.extend({
  runAt: z.string(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  leaseExpiresAt: z.string().nullable(),
  errors: z.array(TaskViewSchema.shape.errors.element.extend({ at: z.string() })),
  /** Why it is not running yet, on a single read of a task that waits. */
  waiting: z.object({ reason: z.string(), message: z.string() }).nullable().optional(),
});
type TaskResource = z.infer<typeof TaskResourceSchema>;

const iso = (ms: number): string => new Date(ms).toISOString();

function toTaskResource(task: TaskView): TaskResource {
  return {
    ...task,
    // A run time may hold a fraction of a millisecond (ADR 0036); shown rounded up, it is never earlier than the task's.
    runAt: iso(Math.ceil(task.runAt)),
    submittedAt: iso(task.submittedAt),
    updatedAt: iso(task.updatedAt),
    leaseExpiresAt: task.leaseExpiresAt === null ? null : iso(task.leaseExpiresAt),
    errors: task.errors.map((e) => ({ ...e, at: iso(e.at) })),
  };
}

/** `warnings`: what the submitter should know, such as that no live agent can run the task yet. */
const SubmitResponseSchema = z.object({ task: TaskResourceSchema, created: z.boolean(), warnings: z.array(z.string()).optional() });
type SubmitResponse = z.infer<typeof SubmitResponseSchema>;
const SubmitBatchResponseSchema = z.object({ results: z.array(SubmitResponseSchema) });
type SubmitBatchResponse = z.infer<typeof SubmitBatchResponseSchema>;

/** A comma-separated query parameter, each item checked by `item`. */
const csv = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .max(2_000)
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(item).max(50));

const ListTasksQuerySchema = z
  .object({
    state: csv(TaskStateSchema).optional(),
    type: csv(TaskTypeSchema).optional(),
    /** Tasks the agent with this id runs now. */
    agent: z.string().min(1).max(200).optional(),
    /** Submitted at or after / before these times (ISO 8601 with an offset). */
    submittedAfter: z.iso.datetime({ offset: true }).optional(),
    submittedBefore: z.iso.datetime({ offset: true }).optional(),
    /** Idempotency keys starting with this text. */
    idempotencyKey: z.string().min(1).max(200).optional(),
    order: z.enum(['newest', 'oldest']).default('newest'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
type ListTasksQuery = z.infer<typeof ListTasksQuerySchema>;

const TaskListResponseSchema = z.object({ items: z.array(TaskResourceSchema), nextCursor: z.string().nullable() });
type TaskListResponse = z.infer<typeof TaskListResponseSchema>;

const TaskIdParamsSchema = z.object({ id: z.string().min(1).max(200) }).strict();

/** Durations as `1500`, `1500ms`, `30s` or `2m`. */
const DurationSchema = z
  .string()
  .regex(/^\d{1,9}(ms|s|m)?$/, 'a duration such as 1500, 1500ms, 30s or 2m')
  .transform((s) => {
    const n = Number.parseInt(s, 10);
    if (s.endsWith('ms')) return n;
    if (s.endsWith('s')) return n * 1_000;
    if (s.endsWith('m')) return n * 60_000;
    return n;
  });

const MAX_AWAIT_MS = 300_000;
const AwaitTaskQuerySchema = z
  .object({ wait: DurationSchema.pipe(z.number().int().min(0).max(MAX_AWAIT_MS)).default(30_000) })
  .strict();

const AwaitResponseSchema = z.object({ done: z.boolean(), task: TaskResourceSchema });
type AwaitResponse = z.infer<typeof AwaitResponseSchema>;

const TaskTypeParamsSchema = z.object({ type: TaskTypeSchema }).strict();
const PauseBodySchema = z.object({ reason: z.string().max(500).optional() }).strict();

const RetryBodySchema = z
  .object({ attempts: z.number().int().min(1).max(1_000).optional(), reason: z.string().max(500).optional() })
  .strict();

const CancelBodySchema = z.object({ reason: z.string().max(1_000).optional() }).strict();

const ProblemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  code: z.string(),
  instance: z.string().optional(),
  errors: z.array(z.object({ path: z.string(), rule: z.string(), message: z.string() })).optional(),
  taskId: z.string().optional(),
});
type Problem = z.infer<typeof ProblemSchema>;

export {
  csv,
  MAX_DELAY_MS,
  TaskSpecShape,
  TargetBodySchema,
  onlyOneStart,
  TaskTypeSchema,
  MAX_BATCH,
  MAX_AWAIT_MS,
  SubmitTaskBodySchema,
  SubmitBatchBodySchema,
  TaskResourceSchema,
  toTaskResource,
  SubmitResponseSchema,
  SubmitBatchResponseSchema,
  ListTasksQuerySchema,
  TaskListResponseSchema,
  TaskIdParamsSchema,
  DurationSchema,
  AwaitTaskQuerySchema,
  AwaitResponseSchema,
  CancelBodySchema,
  RetryBodySchema,
  TaskTypeParamsSchema,
  PauseBodySchema,
  ProblemSchema,
};
export type {
  TargetBody,
  SubmitTaskBody,
  SubmitBatchBody,
  TaskResource,
  SubmitResponse,
  SubmitBatchResponse,
  ListTasksQuery,
  TaskListResponse,
  AwaitResponse,
  Problem,
};
