/** What a handler learns about the run it is in. */
interface TaskContext {
  readonly taskId: string;
  /** 1 for the first attempt; a claim given back on a graceful stop does not count. */
  readonly attempt: number;
  readonly maxAttempts: number;
  /** The lease's fencing token; pass it to your own systems to refuse writes from a superseded run. */
  readonly token: number;
  /** The submitter's idempotency key, if any: a natural key for exactly-once side effects. */
  readonly idempotencyKey: string | null;
  /** The job it belongs to and its key there; null for a task on its own. */
  readonly jobId: string | null;
  readonly key: string | null;
  /** The results of the tasks it depends on, by their keys (a broadcast copy sees its step's). */
  readonly results: Readonly<Record<string, unknown>>;
  /** Aborts when the task is cancelled, times out, or the agent stops past its grace period. */
  readonly signal: AbortSignal;
  /**
   * Says how far the run got, recorded in the task's history and shown by the
   * API, `baton await` and the dashboard: `progress(done, total, message?)`
   * records `{done, total, message}`; `progress(value)` records any JSON
   * value. Sent at most once a second: a quicker caller's latest value wins.
   * Resolves once recorded or dropped; never throws.
   */
  progress(done: number, total: number, message?: string): Promise<void>;
  progress(value: unknown): Promise<void>;
}

type TaskHandler<P> = (payload: P, ctx: TaskContext) => unknown;

export type { TaskContext, TaskHandler };
