import {
  BatonError,
  MAX_BATCH,
  isTerminal,
  type Clock,
  type Decision,
  type DefinitionRegistry,
  type Ids,
  type SqlConnection,
  type TaskFilter,
  type TaskOrder,
  type TaskPage,
  type TaskStore,
  type TaskView,
} from '@baton/core';
import type { AgentCoverage, Waiting } from './agent-coverage.js';
import { prepareSubmission, type SubmitTaskInput } from './submission.js';
import type { Waiters } from './waiters.js';

interface SubmitResult {
  task: TaskView;
  created: boolean;
  /** Present when there is something to know, such as that no live agent can run it yet. */
  warnings?: string[];
}

/** A refused command becomes a BatonError with the domain's code; an accepted one returns the new state. */
function orThrow(decision: Decision<TaskView>): TaskView {
  if (decision.ok) return decision.value;
  throw new BatonError({ code: decision.error.code, message: decision.error.message, taskId: decision.error.taskId });
}

/**
 * Tasks for submitters and operators: submit (checked at the edge), read,
 * explain why one waits, cancel, retry, await.
 */
function createTaskService(params: {
  store: TaskStore;
  clock: Clock;
  ids: Ids;
  registry: DefinitionRegistry;
  coverage: AgentCoverage;
  waiters: Waiters<TaskView>;
  /** Every state change passes here, so waiters and agents hear of it at once. */
  changed: (task: TaskView) => TaskView;
  /** Tells local agents that a running task was asked to stop. */
  announceCancel: (task: TaskView) => void;
  ensureOpen: () => void;
}) {
  const { store, clock, ids, registry, coverage, waiters, changed, ensureOpen, announceCancel } = params;

  /**
   * With `connection`, the tasks are written in the caller's open transaction and
   * exist only if it commits; the wake-ups then travel with the commit (NOTIFY).
   */
  async function submitMany(params: { tasks: readonly unknown[]; connection?: SqlConnection }): Promise<SubmitResult[]> {
    ensureOpen();
    if (params.tasks.length > MAX_BATCH) {
      throw new BatonError({ code: 'VALIDATION_FAILED', message: `at most ${MAX_BATCH} tasks per batch`, issues: [{ path: 'tasks', rule: 'too_big', message: `at most ${MAX_BATCH}` }] });
    }
    const now = clock.now();
    const many = params.tasks.length > 1;
    const prepared = params.tasks.map((input, i) => prepareSubmission({ input, registry, taskId: ids.next(), now, pathPrefix: many ? `tasks[${i}].` : undefined }));
    const warnings = await coverage.screen(
      prepared.map(({ task, whenNoAgent }, i) => ({ type: task.taskType, target: task.target ?? null, path: many ? `tasks[${i}]` : '', refuse: whenNoAgent === 'refuse' })),
    );
    const outcomes = await store.submit({ tasks: prepared.map((p) => p.task), ...(params.connection ? { connection: params.connection } : {}) });
    if (!params.connection) for (const outcome of outcomes) if (outcome.created) changed(outcome.task);
    return outcomes.map((outcome, i) => (warnings[i]?.length ? { ...outcome, warnings: warnings[i] } : outcome));
  }

  const tasks = {
    async submit(input: SubmitTaskInput, options: { connection?: SqlConnection } = {}): Promise<SubmitResult> {
      const [outcome] = await submitMany({ tasks: [input], ...options });
      if (!outcome) throw new Error('unreachable: one submission gave no outcome');
      return outcome;
    },
    submitMany,
    async get(params: { taskId: string }): Promise<TaskView> {
      const task = await store.get(params);
      if (!task) throw new BatonError({ code: 'TASK_NOT_FOUND', message: `task ${params.taskId} does not exist`, taskId: params.taskId });
      return task;
    },
    list(params: { filter?: TaskFilter; limit?: number; cursor?: string | null; order?: TaskOrder }): Promise<TaskPage> {
      return store.list({ filter: params.filter ?? {}, limit: Math.min(Math.max(params.limit ?? 50, 1), 500), cursor: params.cursor ?? null, order: params.order ?? 'newest' });
    },
    /** Why a task that has not ended is not running: blocked, due later, paused, no agent, its serial key, busy agents, or ready. */
    async explain(params: { taskId: string }): Promise<Waiting | null> {
      const task = await tasks.get(params);
      if (isTerminal(task.state) || task.state === 'running') return null;
      const paused = (await store.listTypeControls()).some((c) => c.type === task.type && c.paused);
      const deps = task.state === 'blocked' ? await Promise.all(task.dependsOn.map((taskId) => store.get({ taskId }))) : [];
      const blockedBy = deps.filter((d): d is TaskView => d !== null && d.state !== 'succeeded').map((d) => d.key ?? d.id);
      let serialAhead: TaskView | null = null;
      if (task.state === 'queued' && task.serialKey !== null) {
        const filter = { serialKey: task.serialKey };
        const running = await store.list({ filter: { ...filter, states: ['running'] }, limit: 1, cursor: null });
        const first = running.items[0] ?? (await store.list({ filter: { ...filter, states: ['blocked', 'scheduled', 'queued'] }, limit: 1, cursor: null, order: 'oldest' })).items[0];
        if (first && first.id !== task.id) serialAhead = first;
      }
      return coverage.explain(task, { paused, blockedBy, serialAhead });
    },
    /** Cancels a task that has not started; for a running one, asks its agent to stop. */
    async cancel(params: { taskId: string; reason?: string }): Promise<TaskView> {
      ensureOpen();
      const task = changed(orThrow(await store.cancel({ taskId: params.taskId, reason: params.reason ?? 'cancelled by request' })));
      if (task.state === 'running' && task.cancelRequested) announceCancel(task);
      return task;
    },
    /** Gives a failed or cancelled task more attempts (one by default); every earlier attempt stays in its history. */
    async retry(params: { taskId: string; attempts?: number; reason?: string }): Promise<TaskView> {
      ensureOpen();
      return changed(orThrow(await store.retry({ taskId: params.taskId, attempts: params.attempts ?? 1, reason: params.reason ?? 'retried by request' })));
    },
    /** Waits until the task ends or the time is up; `done` says which. */
    async await(params: { taskId: string; timeoutMs: number }): Promise<{ done: boolean; task: TaskView }> {
      const task = await tasks.get(params);
      if (task.state === 'succeeded' || task.state === 'failed' || task.state === 'cancelled') return { done: true, task };
      if (params.timeoutMs <= 0) return { done: false, task };
      const ended = await waiters.wait({ id: params.taskId, timeoutMs: params.timeoutMs, poll: () => store.get(params) });
      if (ended) return { done: true, task: ended };
      return { done: false, task: await tasks.get(params) };
    },
  };

  return tasks;
}

export { createTaskService, orThrow };
export type { SubmitResult };
