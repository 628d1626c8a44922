import { z } from 'zod';
import { TraceContextSchema } from './trace-context.js';
import { AgentLostPolicySchema, BackoffPolicySchema, ErrorInfoSchema, TaskTargetSchema } from './task-state.js';

/** Routing, ordering, limits and membership of a task: each field null when unset. */
const TaskPlacementSchema = z
  .object({
    target: TaskTargetSchema.nullable(),
    serialKey: z.string().nullable(),
    limitKey: z.string().nullable(),
    job: z.object({ jobId: z.string(), key: z.string(), dependsOn: z.array(z.string()) }).strict().nullable(),
    broadcast: z.object({ onAgentLost: AgentLostPolicySchema }).strict().nullable(),
    parentId: z.string().nullable(),
  })
  .strict();
type TaskPlacement = z.infer<typeof TaskPlacementSchema>;

/** Version 3 (see event-versions.ts). */
const TaskSubmittedSchema = z.object({
  type: z.literal('TaskSubmitted'),
  data: z
    .object({
      taskType: z.string(),
      payloadVersion: z.number().int(),
      payload: z.unknown(),
      priority: z.number().int(),
      runAt: z.number(),
      maxAttempts: z.number().int(),
      backoff: BackoffPolicySchema,
      timeoutMs: z.number().int().nullable(),
      idempotencyKey: z.string().nullable(),
      /** True when the task was due at submission and went straight to the queue. */
      ready: z.boolean(),
      /** Where it may run and what it belongs to; null for a plain task. Version 1 had these fields at the top level (see event-versions.ts). */
      placement: TaskPlacementSchema.nullable(),
      /** The submitter's trace, so the run joins it; null when there was none. Version 3 added it. */
      trace: TraceContextSchema.nullable(),
    })
    .strict(),
});

/** Everything a job's task waited for succeeded: it joins the queue (or waits for its run time). */
const TaskUnblockedSchema = z.object({
  type: z.literal('TaskUnblocked'),
  data: z.object({ ready: z.boolean() }).strict(),
});

/** A broadcast step picked the live agents matching its target and made one child task for each. */
const TaskFannedOutSchema = z.object({
  type: z.literal('TaskFannedOut'),
  data: z.object({ agentIds: z.array(z.string()).min(1), childIds: z.array(z.string()).min(1) }).strict(),
});

const TaskReadySchema = z.object({
  type: z.literal('TaskReady'),
  data: z.object({}).strict(),
});

const TaskClaimedSchema = z.object({
  type: z.literal('TaskClaimed'),
  data: z
    .object({
      agentId: z.string(),
      token: z.number().int(),
      attempt: z.number().int(),
      leaseExpiresAt: z.number(),
    })
    .strict(),
});

const TaskSucceededSchema = z.object({
  type: z.literal('TaskSucceeded'),
  data: z.object({ token: z.number().int(), result: z.unknown() }).strict(),
});

const TaskAttemptFailedSchema = z.object({
  type: z.literal('TaskAttemptFailed'),
  data: z
    .object({
      token: z.number().int(),
      attempt: z.number().int(),
      error: ErrorInfoSchema,
      /** When the next attempt may start; null when no attempt follows. */
      retryAt: z.number().nullable(),
      /** True when the next attempt was due at once and the task went straight back to the queue. */
      ready: z.boolean(),
    })
    .strict(),
});

const TaskLeaseExtendedSchema = z.object({
  type: z.literal('TaskLeaseExtended'),
  data: z.object({ token: z.number().int(), leaseExpiresAt: z.number() }).strict(),
});

const TaskLeaseExpiredSchema = z.object({
  type: z.literal('TaskLeaseExpired'),
  data: z
    .object({
      token: z.number().int(),
      attempt: z.number().int(),
      retryAt: z.number().nullable(),
      ready: z.boolean(),
    })
    .strict(),
});

const TaskFailedSchema = z.object({
  type: z.literal('TaskFailed'),
  data: z
    .object({
      /** agent-lost: the agent a broadcast copy was pinned to is gone; children-failed: a broadcast step's copy failed. */
      reason: z.enum(['attempts-exhausted', 'not-retryable', 'agent-lost', 'children-failed']),
    })
    .strict(),
});

const TaskReleasedSchema = z.object({
  type: z.literal('TaskReleased'),
  data: z.object({ token: z.number().int(), reason: z.string() }).strict(),
});

const TaskProgressedSchema = z.object({
  type: z.literal('TaskProgressed'),
  data: z.object({ token: z.number().int(), progress: z.unknown() }).strict(),
});

const TaskRetriedSchema = z.object({
  type: z.literal('TaskRetried'),
  data: z.object({ maxAttempts: z.number().int(), reason: z.string() }).strict(),
});

const TaskCancelRequestedSchema = z.object({
  type: z.literal('TaskCancelRequested'),
  data: z.object({ reason: z.string() }).strict(),
});

const TaskCancelledSchema = z.object({
  type: z.literal('TaskCancelled'),
  data: z.object({ reason: z.string() }).strict(),
});

const TaskEventSchema = z.discriminatedUnion('type', [
  TaskSubmittedSchema,
  TaskReadySchema,
  TaskClaimedSchema,
  TaskSucceededSchema,
  TaskAttemptFailedSchema,
  TaskLeaseExtendedSchema,
  TaskLeaseExpiredSchema,
  TaskFailedSchema,
  TaskReleasedSchema,
  TaskCancelRequestedSchema,
  TaskCancelledSchema,
  TaskRetriedSchema,
  TaskProgressedSchema,
  TaskUnblockedSchema,
  TaskFannedOutSchema,
]);
/** An event as decided, before the store gives it a place in the log. */
type TaskEvent = z.infer<typeof TaskEventSchema>;
type TaskEventType = TaskEvent['type'];

/** The events that end a task: broadcast so any waiter, on any node, can answer. */
const TERMINAL_EVENT_TYPES: ReadonlySet<TaskEventType> = new Set(['TaskSucceeded', 'TaskFailed', 'TaskCancelled']);

/** An event as stored: its place in its stream and in the global log. */
const StoredEventSchema = z.object({
  seq: z.number().int(),
  streamId: z.string(),
  version: z.number().int(),
  type: z.string(),
  data: z.unknown(),
  time: z.number(),
});
type StoredEvent = z.infer<typeof StoredEventSchema>;
type StoredTaskEvent = Omit<StoredEvent, 'type' | 'data'> & TaskEvent;

export { TaskEventSchema, TaskPlacementSchema, TERMINAL_EVENT_TYPES, StoredEventSchema };
export type { TaskEvent, TaskEventType, TaskPlacement, StoredEvent, StoredTaskEvent };
