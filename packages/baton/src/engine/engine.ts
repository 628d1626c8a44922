import {
  BatonError,
  MAX_BATCH,
  type Clock,
  type Decision,
  type DefinitionRegistry,
  type ErrorInfo,
  type Ids,
  type TaskFilter,
  type TaskPage,
  type TaskStore,
  type TaskView,
} from '@baton/core';
import { createDueTimer } from './due-timer.js';
import { prepareSubmission, type SubmitTaskInput } from './submission.js';
import { createTaskWaiters } from './task-waiters.js';
import { createWorkSignal, type WorkSubscription } from './work-signal.js';

interface EngineLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

interface EngineOptions {
  store: TaskStore;
  clock: Clock;
  ids: Ids;
  registry: DefinitionRegistry;
  logger: EngineLogger;
  /** Source of jitter for retry backoff; Math.random unless a test pins it. */
  random?: () => number;
  /** How long a claim holds a task before another agent may take it over. */
  leaseMs?: number;
  /** Safety-net poll for awaits, in case a task ends in another process. */
  awaitPollMs?: number;
}

interface SubmitResult {
  task: TaskView;
  created: boolean;
}

type CancelListener = (task: TaskView) => void;

const PROMOTE_BATCH = 500;

/** A refused command becomes a BatonError with the domain's code; an accepted one returns the new state. */
function orThrow(decision: Decision<TaskView>): TaskView {
  if (decision.ok) return decision.value;
  throw new BatonError({ code: decision.error.code, message: decision.error.message, taskId: decision.error.taskId });
}

/**
 * The scheduler and the agent-facing side of one Baton node: validation at the
 * edge, the store for every state change, and the wake-ups that make it quick
 * (due timer, work signal, await and cancel notices).
 */
function createEngine(options: EngineOptions) {
  const { store, clock, ids, registry, logger } = options;
  const random = options.random ?? Math.random;
  const leaseMs = options.leaseMs ?? 30_000;
  const work = createWorkSignal();
  const waiters = createTaskWaiters({ pollMs: options.awaitPollMs ?? 1_000 });
  const cancelListeners = new Set<CancelListener>();
  let closed = false;

  const dueTimer = createDueTimer({
    clock,
    nextDueAt: () => store.nextDueAt(),
    promote: async () => {
      const promoted = await store.promoteDue({ limit: PROMOTE_BATCH });
      if (promoted.length > 0) work.notify();
      return promoted.length;
    },
    onError: (error) => logger.error({ err: error }, 'promoting due tasks failed; retrying in 1s'),
  });

  function ensureOpen(): void {
    if (closed) throw new BatonError({ code: 'SHUTTING_DOWN', message: 'the engine is closed' });
  }

  /** Every state change passes here, so waiters and agents hear of it at once. */
  function changed(task: TaskView): TaskView {
    waiters.settled(task);
    if (task.state === 'queued') work.notify();
    if (task.state === 'scheduled') dueTimer.schedule(task.runAt);
    return task;
  }

  async function submitMany(params: { tasks: readonly unknown[] }): Promise<SubmitResult[]> {
    ensureOpen();
    if (params.tasks.length > MAX_BATCH) {
      throw new BatonError({ code: 'VALIDATION_FAILED', message: `at most ${MAX_BATCH} tasks per batch`, issues: [{ path: 'tasks', rule: 'too_big', message: `at most ${MAX_BATCH}` }] });
    }
    const now = clock.now();
    const prepared = params.tasks.map((input, i) =>
      prepareSubmission({ input, registry, taskId: ids.next(), now, pathPrefix: params.tasks.length > 1 ? `tasks[${i}].` : undefined }),
    );
    const outcomes = await store.submit({ tasks: prepared });
    for (const outcome of outcomes) if (outcome.created) changed(outcome.task);
    return outcomes;
  }

  const tasks = {
    async submit(input: SubmitTaskInput): Promise<SubmitResult> {
      const [outcome] = await submitMany({ tasks: [input] });
      if (!outcome) throw new Error('unreachable: one submission gave no outcome');
      return outcome;
    },
    submitMany,
    async get(params: { taskId: string }): Promise<TaskView> {
      const task = await store.get(params);
      if (!task) throw new BatonError({ code: 'TASK_NOT_FOUND', message: `task ${params.taskId} does not exist`, taskId: params.taskId });
      return task;
    },
    list(params: { filter?: TaskFilter; limit?: number; cursor?: string | null }): Promise<TaskPage> {
      return store.list({ filter: params.filter ?? {}, limit: Math.min(Math.max(params.limit ?? 50, 1), 500), cursor: params.cursor ?? null });
    },
    /** Cancels a task that has not started; for a running one, asks its agent to stop. */
    async cancel(params: { taskId: string; reason?: string }): Promise<TaskView> {
      ensureOpen();
      const task = changed(orThrow(await store.cancel({ taskId: params.taskId, reason: params.reason ?? 'cancelled by request' })));
      if (task.state === 'running' && task.cancelRequested) for (const listener of cancelListeners) listener(task);
      return task;
    },
    /** Waits until the task ends or the time is up; `done` says which. */
    async await(params: { taskId: string; timeoutMs: number }): Promise<{ done: boolean; task: TaskView }> {
      const task = await tasks.get(params);
      if (task.state === 'succeeded' || task.state === 'failed' || task.state === 'cancelled') return { done: true, task };
      if (params.timeoutMs <= 0) return { done: false, task };
      const ended = await waiters.wait({ taskId: params.taskId, timeoutMs: params.timeoutMs, poll: () => store.get(params) });
      if (ended) return { done: true, task: ended };
      return { done: false, task: await tasks.get(params) };
    },
  };

  /** What agents use: claims, reports with fencing tokens, wake-ups and cancel notices. */
  const agentWork = {
    async claim(params: { agentId: string; types: readonly string[]; limit: number }): Promise<TaskView[]> {
      ensureOpen();
      return store.claim({ ...params, leaseMs });
    },
    async succeed(params: { taskId: string; token: number; result: unknown }): Promise<TaskView> {
      return changed(orThrow(await store.succeed(params)));
    },
    async fail(params: { taskId: string; token: number; error: ErrorInfo; retryable: boolean }): Promise<TaskView> {
      return changed(orThrow(await store.fail({ ...params, random: random() })));
    },
    async release(params: { taskId: string; token: number; reason: string }): Promise<TaskView> {
      return changed(orThrow(await store.release(params)));
    },
    async confirmCancel(params: { taskId: string; token: number }): Promise<TaskView> {
      return changed(orThrow(await store.confirmCancel(params)));
    },
    subscribe(): WorkSubscription {
      return work.subscribe();
    },
    onCancelRequested(listener: CancelListener): () => void {
      cancelListeners.add(listener);
      return () => cancelListeners.delete(listener);
    },
  };

  /** The log itself: every event, in order. */
  const events = {
    readAll: (params: { afterSeq: number; limit: number }) => store.readAll(params),
    readStream: (params: { streamId: string }) => store.readStream(params),
  };

  return {
    tasks,
    events,
    work: agentWork,
    definitions: registry,
    /** Arms the due timer from what the store holds (tasks delayed before a restart). */
    async start(): Promise<void> {
      await dueTimer.rearm();
    },
    async close(): Promise<void> {
      closed = true;
      dueTimer.stop();
      waiters.closeAll();
      cancelListeners.clear();
    },
  };
}

type Engine = ReturnType<typeof createEngine>;

export { createEngine };
export type { Engine, EngineOptions, EngineLogger, SubmitResult };
