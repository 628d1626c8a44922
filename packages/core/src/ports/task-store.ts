import type { Decision } from '../domain/domain-error.js';
import type { NewTask } from '../domain/task-commands.js';
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
}

interface TaskPage {
  items: TaskView[];
  /** Opaque; pass it back to get the next page. Null on the last page. */
  nextCursor: string | null;
}

type Report = Promise<Decision<TaskView>>;

/**
 * The storage port. Every write appends events and updates the projections in
 * one transaction, so a projection row always equals the fold of its stream.
 * Each call takes one params object, so drivers can grow without breaking callers.
 */
interface TaskStore {
  /** Appends TaskSubmitted for each new task, all or none. */
  submit(params: { tasks: readonly NewTask[] }): Promise<SubmitOutcome[]>;
  /** Claims at most `limit` queued tasks of the given types: priority, then due time, then submission order. */
  claim(params: { agentId: string; types: readonly string[]; limit: number; leaseMs: number }): Promise<TaskView[]>;
  succeed(params: { taskId: string; token: number; result: unknown }): Report;
  fail(params: { taskId: string; token: number; error: ErrorInfo; retryable: boolean; random: number }): Report;
  /** Gives a claimed task back without spending its attempt (a graceful stop). */
  release(params: { taskId: string; token: number; reason: string }): Report;
  cancel(params: { taskId: string; reason: string }): Report;
  confirmCancel(params: { taskId: string; token: number }): Report;
  /** Moves every scheduled task that is due to the queue; returns the tasks promoted. */
  promoteDue(params: { limit: number }): Promise<TaskView[]>;
  /** The earliest run time of a scheduled task, or null when none waits. */
  nextDueAt(): Promise<number | null>;
  get(params: { taskId: string }): Promise<TaskView | null>;
  list(params: { filter: TaskFilter; limit: number; cursor: string | null }): Promise<TaskPage>;
  readStream(params: { streamId: string }): Promise<StoredEvent[]>;
  readAll(params: { afterSeq: number; limit: number }): Promise<StoredEvent[]>;
  close(): Promise<void>;
}

export type { TaskStore, NewTask, SubmitOutcome, TaskFilter, TaskPage };
