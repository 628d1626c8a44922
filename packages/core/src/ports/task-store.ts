import type { AgentLabels, AgentState, AgentView } from '../domain/agent-state.js';
import type { Decision } from '../domain/domain-error.js';
import type { TokenScope, TokenView } from '../domain/api-token.js';
import type { TypeControlView } from '../domain/type-control.js';
import type { FlowLimitsView, RateLimit } from '../domain/flow-limits.js';
import type { LimitInUse } from '../domain/task-explain.js';
import type { ScheduleCommand, ScheduleView } from '../domain/schedule.js';
import type { NewTask } from '../domain/task-commands.js';
import type { JobDecision, NewJob } from '../domain/job-decider.js';
import type { JobState, JobView } from '../domain/job-state.js';
import type { StoredEvent } from '../domain/task-events.js';
import type { ErrorInfo, TaskState, TaskView } from '../domain/task-state.js';

interface SubmitOutcome {
  task: TaskView;
  /** False when the idempotency key matched a task submitted before: that one is returned. */
  created: boolean;
}

interface TaskFilter {
  states?: readonly TaskState[];
  types?: readonly string[];
  /** Tasks held now by this agent. */
  agentId?: string;
  /** Submitted at or after / before this time (epoch ms). */
  submittedAfter?: number;
  submittedBefore?: number;
  /** Idempotency keys that start with this text (exact, case-sensitive). */
  idempotencyKeyPrefix?: string;
  serialKey?: string;
}

/** Newest first (the default) or oldest first, by submission order. */
type TaskOrder = 'newest' | 'oldest';

interface TaskPage {
  items: TaskView[];
  /** Opaque; pass it back to get the next page. Null on the last page. */
  nextCursor: string | null;
}

type Report = Promise<Decision<TaskView>>;

/** What a heartbeat learns of one task the agent believes it holds. */
interface LeaseRenewal {
  taskId: string;
  /** False when the claim is no longer this agent's (a stale token, a task that ended): stop working on it. */
  held: boolean;
  /** The lease expiry now in force, by the store's clock; null when not held. */
  leaseExpiresAt: number | null;
  /** A cancel was requested: the handler should stop and confirm it. */
  cancelRequested: boolean;
}

/** An agent as it registers. */
interface NewAgent {
  agentId: string;
  host: string;
  labels: AgentLabels;
  types: string[];
  concurrency: number;
}

/** An agent with what is known of it now: the projection, its liveness and the tasks it holds. */
interface AgentInfo extends AgentView {
  /** When its last heartbeat (or registration) arrived; null when never seen alive by this store. */
  lastSeenAt: number | null;
  /** When it will be declared lost without another heartbeat. */
  aliveUntil: number | null;
  /** The running tasks it holds now. */
  taskIds: string[];
}

interface JobPage {
  items: JobView[];
  nextCursor: string | null;
}

/** A job cancel: the job as it is now, or why it was refused. */
type JobCancelOutcome = { ok: true; value: JobView } | { ok: false; error: Extract<JobDecision, { ok: false }>['error'] };

/** A position in the global event feed. Opaque: only the store that gave it out reads it. */
type FeedCursor = string;

/** An event as the feed hands it out, with the cursor that resumes right after it. */
type FeedEvent = StoredEvent & { cursor: FeedCursor };

interface FeedPage {
  events: FeedEvent[];
  /** Where the next read starts; the same cursor again when nothing new was safe to read. */
  cursor: FeedCursor;
}

/**
 * An application's own database connection, inside a transaction it has opened
 * (for PostgreSQL, a pg Client or PoolClient). A submit made through it exists
 * if and only if the application commits.
 */
interface SqlConnection {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** What a rebuild did: events folded, how many arrived while it ran (caught up before the swap), and how long writers waited. */
interface RebuildReport {
  events: number;
  caughtUp: number;
  lockedMs: number;
  /** Rows the swap changed in each live table, where the store counts them. */
  changed?: Record<string, { missing: number; extra: number; different: number }>;
}

/**
 * Milliseconds since the submitter accepted the tasks, on its own clock,
 * perhaps with a fraction. The store calls it as it reads its now and takes
 * it off each task's `startsAfterMs` in whole milliseconds, rounded down
 * (delaysFromAcceptance): only an elapsed time crosses over,
 * never the submitter's wall-clock time, so a skewed node still cannot move a
 * run time (ADR 0025).
 */
type SinceAccepted = () => number;

/**
 * Tasks to hand straight to an idle agent (`agents`: task id to agent id):
 * each is claimed in the same write as its submission, TaskSubmitted then
 * TaskClaimed with a lease of `leaseMs`, when it is created ready and its type
 * is neither paused nor under limits; otherwise it is submitted as usual.
 * Never with `connection`.
 */
interface Handoff {
  agents: ReadonlyMap<string, string>;
  leaseMs: number;
}

/** An idle agent that due tasks of its types may go straight to (TaskStore.promoteDue). */
interface PromotionHandoff {
  agentId: string;
  types: readonly string[];
  limit: number;
  leaseMs: number;
}

/**
 * The storage port. Every write appends events and updates the projections in
 * one transaction, so a projection row always equals the fold of its stream.
 * Each call takes one params object, so drivers can grow without breaking callers.
 */
interface TaskStore {
  /** Appends TaskSubmitted for each new task, all or none; inside the caller's transaction when `connection` is given. */
  submit(params: { tasks: readonly NewTask[]; connection?: SqlConnection; sinceAccepted?: SinceAccepted; handoff?: Handoff }): Promise<SubmitOutcome[]>;
  /** Appends JobSubmitted and every task's TaskSubmitted, all or none. Tasks that wait for others start blocked. */
  submitJob(params: { job: NewJob; tasks: readonly NewTask[]; sinceAccepted?: SinceAccepted }): Promise<{ job: JobView; tasks: TaskView[] }>;
  /** JobCancelRequested; every task that has not ended is cancelled (running ones are asked to stop). */
  cancelJob(params: { jobId: string; reason: string }): Promise<JobCancelOutcome>;
  getJob(params: { jobId: string }): Promise<JobView | null>;
  listJobs(params: { states?: readonly JobState[]; limit: number; cursor: string | null }): Promise<JobPage>;
  /** Every task of the job: the graph's tasks and the copies its broadcast steps made. */
  jobTasks(params: { jobId: string }): Promise<TaskView[]>;
  /**
   * Each queued broadcast step picks the live agents that match its target and
   * run its type, and makes one child task pinned to each (TaskFannedOut). A
   * step no live agent matches stays queued. Returns the steps that fanned out.
   */
  fanOutBroadcasts(params: { limit: number; newId: () => string }): Promise<TaskView[]>;
  /** The copies pinned to an agent that is gone end per their step's policy (failed, or skipped). */
  abandonPinned(params: { agentId: string }): Promise<TaskView[]>;
  /**
   * Claims at most `limit` queued tasks of the given types that this agent's
   * labels match (service, tags, pinned agent), honouring serial keys:
   * priority, then due time, then queue order.
   */
  claim(params: { agentId: string; types: readonly string[]; limit: number; leaseMs: number }): Promise<TaskView[]>;
  succeed(params: { taskId: string; token: number; result: unknown }): Report;
  fail(params: { taskId: string; token: number; error: ErrorInfo; retryable: boolean; random: number; retryAfterMs?: number | null }): Report;
  /** Gives a claimed task back without spending its attempt (a graceful stop). */
  release(params: { taskId: string; token: number; reason: string }): Report;
  cancel(params: { taskId: string; reason: string }): Report;
  confirmCancel(params: { taskId: string; token: number }): Report;
  /** Records how far the running attempt got (TaskProgressed), fenced by its token like every agent write. */
  progress(params: { taskId: string; token: number; progress: unknown }): Report;
  /** Gives a failed or cancelled task `attempts` more attempts (TaskRetried); its history stays. */
  retry(params: { taskId: string; attempts: number; reason: string }): Report;
  /**
   * Issues an API token (TokenIssued; only the hash of its secret is stored).
   * With `onlyIfNone`, issues it only when no token was ever issued, atomically,
   * so that of several nodes starting together exactly one bootstraps the admin token.
   */
  issueToken(params: { tokenId: string; name: string; scopes: TokenScope[]; hash: string; onlyIfNone?: boolean }): Promise<TokenView | null>;
  revokeToken(params: { tokenId: string; reason: string }): Promise<TokenView | null>;
  getToken(params: { tokenId: string }): Promise<TokenView | null>;
  listTokens(): Promise<TokenView[]>;
  /** Stops every agent claiming this type (TypePaused) until it is resumed; waiting tasks stay queued. */
  pauseType(params: { taskType: string; reason: string }): Promise<TypeControlView>;
  /** Claims of the type start again (TypeResumed). */
  resumeType(params: { taskType: string }): Promise<TypeControlView>;
  /** Every type that was ever paused, with whether it is paused now. */
  listTypeControls(): Promise<TypeControlView[]>;
  /** Sets (LimitsSet) the concurrency and rate limits of a scope (`type:<name>` or `key:<name>`); null lifts one. */
  setLimits(params: { scope: string; concurrency: number | null; rate: RateLimit | null }): Promise<FlowLimitsView>;
  listLimits(): Promise<FlowLimitsView[]>;
  /**
   * The limits set on these scopes, each with how much of it is in use now:
   * tasks running, and starts in its rate window (with the oldest, so one can
   * say when the window has room again). Scopes without a limit are left out.
   */
  limitUsage(params: { scopes: readonly string[] }): Promise<LimitInUse[]>;
  /** One command for a schedule (`schedule:<name>`): define, pause, resume, remove, or record a tick. Null for one never defined. */
  applySchedule(params: { command: ScheduleCommand }): Promise<ScheduleView | null>;
  /** Every schedule that was defined and not removed. */
  listSchedules(): Promise<ScheduleView[]>;
  /** Appends AgentRegistered (unless a live agent re-registers unchanged) and starts its liveness lease. */
  registerAgent(params: { agent: NewAgent; leaseMs: number }): Promise<AgentView>;
  /** AgentStopped: a graceful goodbye. Null for an agent that never registered. */
  stopAgent(params: { agentId: string; reason: string }): Promise<AgentView | null>;
  /** The supervisor: live agents whose liveness lease ran out become lost (AgentLost). */
  expireAgents(params: { limit: number }): Promise<AgentView[]>;
  listAgents(params: { states?: readonly AgentState[] }): Promise<AgentInfo[]>;
  getAgent(params: { agentId: string }): Promise<AgentInfo | null>;
  /**
   * A heartbeat: renews the agent's liveness (a lost agent that beats again is
   * registered again), extends the leases it still holds, and says which it
   * has lost or must cancel.
   */
  extendLeases(params: { agentId: string; leases: readonly { taskId: string; token: number }[]; leaseMs: number }): Promise<LeaseRenewal[]>;
  /** The rescue sweep: tasks whose lease ran out go back to the queue (or fail when out of attempts). */
  expireLeases(params: { limit: number; random: () => number }): Promise<TaskView[]>;
  /**
   * Moves up to `limit` scheduled tasks that are due to the queue; returns
   * them. With `handoff`, those of its agent's types that a claim would take
   * at once (see Handoff) go straight to it instead, up to its limit:
   * TaskReady then TaskClaimed, in the same write.
   */
  promoteDue(params: { limit: number; handoff?: PromotionHandoff }): Promise<TaskView[]>;
  /** The earliest run time of a scheduled task, or null when none waits. */
  nextDueAt(): Promise<number | null>;
  get(params: { taskId: string }): Promise<TaskView | null>;
  list(params: { filter: TaskFilter; limit: number; cursor: string | null; order?: TaskOrder }): Promise<TaskPage>;
  readStream(params: { streamId: string }): Promise<StoredEvent[]>;
  readAll(params: { afterSeq: number; limit: number }): Promise<StoredEvent[]>;
  /**
   * The global feed for subscribers: every committed event exactly once, in an
   * order where each stream's events come in version order. Never skips an
   * event that commits after a later-numbered one was read.
   */
  readFeed(params: { cursor: FeedCursor | null; limit: number }): Promise<FeedPage>;
  /**
   * A cursor at the feed's end now: reading from it skips what is already
   * committed and never misses what commits later (a few events from around the
   * call may still come). For subscribers that want only what happens next.
   */
  feedTail(): Promise<FeedCursor>;
  /** Every projection row as stored (the docs of tasks, jobs, agents, type controls, tokens, limits, schedules), for replay to compare. */
  dumpProjections(): Promise<Record<'task' | 'job' | 'agent' | 'type' | 'token' | 'limits' | 'schedule', unknown[]>>;
  /**
   * Rewrites every projection from the fold of the whole log. PostgreSQL
   * builds fresh tables while writers go on and holds them off only for the
   * catch-up and swap; SQLite does it all in one write transaction. What
   * `baton replay --apply` does after a replay found differences.
   */
  rebuildProjections(): Promise<RebuildReport>;
  /** Tasks of these types that ended before `endedBefore` and belong to no job, with their events: what retention archives next. */
  archiveCandidates(params: { types: readonly string[]; endedBefore: number; limit: number }): Promise<{ taskId: string; version: number; events: StoredEvent[] }[]>;
  /**
   * Removes archived tasks (their events and their rows) in one transaction;
   * a task that changed since it was read (a retry) is kept. Returns the ids removed.
   */
  removeArchived(params: { tasks: readonly { taskId: string; version: number }[] }): Promise<string[]>;
  /** Counts for monitoring: tasks by state and type, and the log's last sequence number (0 when empty). */
  stats(): Promise<{ tasks: { state: TaskState; type: string; count: number }[]; eventHead: number }>;
  /** Throws when the store cannot commit right now (the database is down or read-only). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export type { Handoff, PromotionHandoff, SinceAccepted, TaskStore, JobPage, JobCancelOutcome, NewTask, SubmitOutcome, TaskFilter, TaskOrder, TaskPage, LeaseRenewal, FeedCursor, FeedEvent, FeedPage, SqlConnection, NewAgent, AgentInfo, RebuildReport };
