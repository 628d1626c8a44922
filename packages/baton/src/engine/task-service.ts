import {
  BatonError,
  MAX_BATCH,
  explainTask,
  scopesOf,
  type Clock,
  type Decision,
  type DefinitionRegistry,
  type Ids,
  type SqlConnection,
  type SubmitOutcome,
  type TaskFilter,
  type TaskOrder,
  type TaskPage,
  type TaskExplanation,
  type TaskStore,
  type TraceContext,
  type TaskView,
} from '@baton/core';
import { SpanKind, SpanStatusCode, context, trace as otelTrace } from '@opentelemetry/api';
import { contextFromTrace, traceOf } from '@baton/client';
import type { AgentCoverage } from './agent-coverage.js';
import { acceptanceTimer, prepareSubmissions, type SubmitTaskInput } from './submission.js';
import type { Waiters } from './waiters.js';
import type { Handoffs } from './handoff.js';

interface SubmitResult {
  task: TaskView;
  created: boolean;
  /** Present when there is something to know, such as that no live agent can run it yet. */
  warnings?: string[];
}

const tracer = otelTrace.getTracer('baton');

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
  /** Idle local agents a new task may go straight to, and the lease their claims get. */
  handoffs: Handoffs;
  leaseMs: number;
}) {
  const { store, clock, ids, registry, coverage, waiters, changed, ensureOpen, announceCancel, handoffs, leaseMs } = params;

  /** The task its serial key lets run first (the running one, else the oldest unfinished), if that is not this one. */
  async function serialHolderOf(task: TaskView): Promise<{ taskId: string; state: string } | null> {
    if (task.serialKey === null) return null;
    const filter = { serialKey: task.serialKey };
    const running = await store.list({ filter: { ...filter, states: ['running'] }, limit: 1, cursor: null });
    const first = running.items[0] ?? (await store.list({ filter: { ...filter, states: ['blocked', 'scheduled', 'queued'] }, limit: 1, cursor: null, order: 'oldest' })).items[0];
    return first && first.id !== task.id ? { taskId: first.id, state: first.state } : null;
  }

  /**
   * With `connection`, the tasks are written in the caller's open transaction and
   * exist only if it commits; the wake-ups then travel with the commit (NOTIFY).
   * The submission is a span (`baton.submit`), a child of the caller's active
   * span or of `trace` (a request's `traceparent`); every task without a trace
   * of its own carries this span's, so its runs join the caller's trace.
   */
  async function submitMany(params: { tasks: readonly unknown[]; connection?: SqlConnection; trace?: TraceContext | null }): Promise<SubmitResult[]> {
    ensureOpen();
    if (params.tasks.length > MAX_BATCH) {
      throw new BatonError({ code: 'VALIDATION_FAILED', message: `at most ${MAX_BATCH} tasks per batch`, issues: [{ path: 'tasks', rule: 'too_big', message: `at most ${MAX_BATCH}` }] });
    }
    const parent = params.trace ? contextFromTrace({ trace: params.trace, base: context.active() }) : context.active();
    const span = tracer.startSpan('baton.submit', { kind: SpanKind.PRODUCER, attributes: { 'baton.tasks': params.tasks.length } }, parent);
    try {
      return await submitTraced(params, traceOf(span));
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
      throw error;
    } finally {
      span.end();
    }
  }

  /**
   * After a failed write that may have committed all the same (its connection
   * died waiting for the answer): the tasks it claimed for a waiting agent, so
   * they run now rather than after their lease. A read that fails too leaves
   * them to the lease.
   */
  async function handedDespite(agents: ReadonlyMap<string, string>): Promise<TaskView[]> {
    const found = await Promise.all([...agents.keys()].map((taskId) => store.get({ taskId }).catch(() => null)));
    return found.filter((t): t is TaskView => t !== null && t.state === 'running' && t.token === 1 && t.agentId === agents.get(t.id));
  }

  async function submitTraced(params: { tasks: readonly unknown[]; connection?: SqlConnection }, trace: TraceContext | null): Promise<SubmitResult[]> {
    const sinceAccepted = acceptanceTimer(clock);
    const now = clock.now();
    const many = params.tasks.length > 1;
    const nextId = ids.block?.({ count: params.tasks.length }) ?? (() => ids.next());
    const prepared = prepareSubmissions({ inputs: params.tasks, registry, nextId, now });
    for (const { task } of prepared) task.trace ??= trace;
    const warnings = await coverage.screen({
      specs: prepared.map(({ task, whenNoAgent }) => ({ type: task.taskType, target: task.target ?? null, refuse: whenNoAgent === 'refuse' })),
      pathOf: (i) => (many ? `tasks[${i}]` : ''),
    });
    const newTasks = prepared.map((p) => p.task);
    // Not inside the application's transaction: the agent would start a task that may never commit.
    const reservation = params.connection ? null : handoffs.reserve(newTasks);
    let outcomes: SubmitOutcome[] = [];
    let handed: TaskView[] = [];
    try {
      outcomes = await store.submit({
        tasks: newTasks,
        sinceAccepted,
        ...(params.connection ? { connection: params.connection } : {}),
        ...(reservation ? { handoff: { agents: reservation.agents, leaseMs } } : {}),
      });
      handed = outcomes.filter((o) => o.created).map((o) => o.task);
    } catch (error) {
      if (reservation) handed = await handedDespite(reservation.agents);
      throw error;
    } finally {
      reservation?.settle(handed);
    }
    if (!params.connection) for (const outcome of outcomes) if (outcome.created) changed(outcome.task);
    // A spec's warnings are its own list (a covered one's is the shared empty list, never attached).
    for (const [i, outcome] of outcomes.entries()) {
      const warned = warnings[i];
      if (warned?.length) (outcome as SubmitResult).warnings = warned as string[];
    }
    return outcomes;
  }

  const tasks = {
    async submit(input: SubmitTaskInput, options: { connection?: SqlConnection; trace?: TraceContext | null } = {}): Promise<SubmitResult> {
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
    /** Tasks by state and type, the log's head and the agents by liveness, read now: the dashboard's overview. */
    async stats(): Promise<{ at: number; tasks: { state: string; type: string; count: number }[]; eventHead: number; agents: Record<'live' | 'lost' | 'stopped', number> }> {
      const [counts, agents] = await Promise.all([store.stats(), store.listAgents({})]);
      const byState = { live: 0, lost: 0, stopped: 0 };
      for (const agent of agents) byState[agent.state] += 1;
      return { at: clock.now(), tasks: counts.tasks, eventHead: counts.eventHead, agents: byState };
    },
    /**
     * Every reason the task is not running now, from the live state: its run
     * time or retry backoff, unfinished dependencies, a paused type, the task
     * ahead under its serial key, full limits, and the agents that could run it.
     */
    async explain(params: { taskId: string }): Promise<TaskExplanation> {
      const task = await tasks.get(params);
      const waiting = task.state === 'blocked' || task.state === 'scheduled' || task.state === 'queued';
      if (!waiting) return explainTask({ task, now: clock.now(), paused: false, pendingDependencies: [], serialHolder: null, limits: [], agents: { matching: 0, withFreeSlots: 0 } });
      const [controls, deps, limits, agents] = await Promise.all([
        store.listTypeControls(),
        task.state === 'blocked' ? Promise.all(task.dependsOn.map((taskId) => store.get({ taskId }))) : Promise.resolve([]),
        task.state === 'queued' ? store.limitUsage({ scopes: scopesOf(task) }) : Promise.resolve([]),
        coverage.matching(task),
      ]);
      const pendingDependencies = deps.filter((d): d is TaskView => d !== null && d.state !== 'succeeded').map((d) => ({ taskId: d.id, key: d.key, state: d.state }));
      return explainTask({
        task,
        now: clock.now(),
        paused: controls.some((c) => c.type === task.type && c.paused),
        pendingDependencies,
        serialHolder: task.state === 'queued' ? await serialHolderOf(task) : null,
        limits,
        agents,
      });
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
