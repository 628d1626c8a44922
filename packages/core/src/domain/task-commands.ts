import type { AgentLostPolicy, BackoffPolicy, ErrorInfo, TaskTarget } from './task-state.js';
import type { TraceContext } from './trace-context.js';

/*
 * Commands carry everything the decider needs, including the time (`now`) and
 * any randomness (`random`), so that `decide` reads no clock and stays pure.
 */
/** A task as the scheduler hands it to the store: validated, defaults filled in. */
interface NewTask {
  taskId: string;
  taskType: string;
  payloadVersion: number;
  payload: unknown;
  priority: number;
  runAt: number;
  /**
   * Set when the submitter named no time of its own (none, or only a delay):
   * the task runs this long after the store's now, so a node whose clock is
   * off does not postpone or hurry it. `runAt` is then the node's estimate.
   */
  startsAfterMs?: number | null;
  maxAttempts: number;
  backoff: BackoffPolicy;
  timeoutMs: number | null;
  idempotencyKey: string | null;
  target?: TaskTarget | null;
  serialKey?: string | null;
  limitKey?: string | null;
  /** A job's task: the job, its key there, and the ids of the tasks it waits for. */
  job?: { jobId: string; key: string; dependsOn: string[] } | null;
  broadcast?: { onAgentLost: AgentLostPolicy } | null;
  parentId?: string | null;
  /** The submitter's trace context, so the run's span joins its trace. */
  trace?: TraceContext | null;
}
/**
 * The tasks as they stand `elapsedMs` after the submitter accepted them: each
 * delay counted from the store's now is shortened by that much (never below
 * zero), so a delay runs from the call and not from when the store reached it
 * (a burst of submissions queues for connections first).
 */
function delaysFromAcceptance(tasks: readonly NewTask[], elapsedMs: number): readonly NewTask[] {
  if (!(elapsedMs > 0)) return tasks;
  return tasks.map((task) =>
    // A task due at once stays due at once: no copy.
    task.startsAfterMs === undefined || task.startsAfterMs === null || task.startsAfterMs === 0 ? task : { ...task, startsAfterMs: Math.max(0, task.startsAfterMs - Math.floor(elapsedMs)) },
  );
}

interface SubmitTask extends NewTask {
  kind: 'Submit';
  now: number;
}
interface PromoteTask {
  kind: 'Promote';
  taskId: string;
  now: number;
}
interface ClaimTask {
  kind: 'Claim';
  taskId: string;
  agentId: string;
  leaseMs: number;
  now: number;
}
interface SucceedTask {
  kind: 'Succeed';
  taskId: string;
  token: number;
  result: unknown;
}
interface FailTask {
  kind: 'Fail';
  taskId: string;
  token: number;
  error: ErrorInfo;
  retryable: boolean;
  now: number;
  random: number;
  /** The handler was told when to try again (an HTTP Retry-After): the next attempt waits at least this long. */
  retryAfterMs?: number | null;
}
interface ReleaseTask {
  kind: 'Release';
  taskId: string;
  token: number;
  reason: string;
}
interface CancelTask {
  kind: 'Cancel';
  taskId: string;
  reason: string;
}
interface ConfirmCancel {
  kind: 'ConfirmCancel';
  taskId: string;
  token: number;
}
/** A person (or a program) gives an ended task more attempts; its history is kept. */
interface RetryTask {
  kind: 'Retry';
  taskId: string;
  /** How many more attempts it gets. */
  attempts: number;
  reason: string;
}
/** The agent running the claim says how far it got. */
interface ReportProgress {
  kind: 'ReportProgress';
  taskId: string;
  token: number;
  progress: unknown;
}
/** A job's task whose dependencies all succeeded. */
interface UnblockTask {
  kind: 'Unblock';
  taskId: string;
  now: number;
}
/** A queued broadcast step hands itself to these agents, one child task each. */
interface FanOutTask {
  kind: 'FanOut';
  taskId: string;
  agentIds: string[];
  childIds: string[];
}
/** Every child of a broadcast step has ended: the step ends with them. */
interface EndBroadcast {
  kind: 'EndBroadcast';
  taskId: string;
  outcome: 'succeeded' | 'failed';
  result: unknown;
}
/** The agent a broadcast child is pinned to was lost: fail the child, or skip it (cancel) per the step's policy. */
interface AbandonPinned {
  kind: 'AbandonPinned';
  taskId: string;
  policy: AgentLostPolicy;
}
/** A heartbeat: the agent holding the claim still works on it. */
interface ExtendLease {
  kind: 'ExtendLease';
  taskId: string;
  token: number;
  leaseMs: number;
  now: number;
}
interface ExpireLease {
  kind: 'ExpireLease';
  taskId: string;
  token: number;
  now: number;
  random: number;
}

type TaskCommand =
  | SubmitTask
  | PromoteTask
  | ClaimTask
  | SucceedTask
  | FailTask
  | ReleaseTask
  | CancelTask
  | ConfirmCancel
  | ExtendLease
  | ExpireLease
  | RetryTask
  | ReportProgress
  | UnblockTask
  | FanOutTask
  | EndBroadcast
  | AbandonPinned;

export { delaysFromAcceptance };
export type {
  NewTask,
  TaskCommand,
  SubmitTask,
  PromoteTask,
  ClaimTask,
  SucceedTask,
  FailTask,
  ReleaseTask,
  CancelTask,
  ConfirmCancel,
  ExtendLease,
  ExpireLease,
  RetryTask,
  ReportProgress,
  UnblockTask,
  FanOutTask,
  EndBroadcast,
  AbandonPinned,
};
