import {
  BatonError,
  isTerminal,
  toClaimedTask,
  type ClaimedTask,
  type Clock,
  type DefinitionRegistry,
  type AgentInfo,
  type AgentState,
  type AgentView,
  type ClusterBus,
  type ErrorInfo,
  type Ids,
  type Leadership,
  type LeaseRenewal,
  type NewAgent,
  type RateLimit,
  type TaskStore,
  type TaskView,
} from '@baton/core';
import { createApiTokens } from '../auth/api-tokens.js';
import { connectClusterSignals } from './cluster-sync.js';
import { createAgentCoverage } from './agent-coverage.js';
import { createDueTimer } from './due-timer.js';
import { createJobService } from './job-service.js';
import { createLeaseSweeper } from './lease-sweeper.js';
import { createTaskService, orThrow, type SubmitResult } from './task-service.js';
import type { SubmitTaskInput } from './submission.js';
import { createWaiters } from './waiters.js';
import { createWorkflowService } from '../workflows/workflow-service.js';
import { createScheduleService } from '../schedules/schedule-service.js';
import { historyOf, type AsOf } from '../replay/history.js';
import { archiveEnded } from '../replay/archiver.js';
import type { Workflow } from '../workflows/workflow-loader.js';
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
  /** How long a claim holds a task without a heartbeat before the supervisor takes it back. */
  leaseMs?: number;
  /** How often the leader looks for expired leases (and re-reads due times as a safety net). */
  sweepIntervalMs?: number;
  /** Safety-net poll for awaits, in case a task ends in another process. */
  awaitPollMs?: number;
  /** Retention: where archived tasks' events are written (NDJSON); without it nothing is archived. */
  archiveDir?: string;
  /** Named workflows, started by their events (loaded from a folder of YAML files by the app). */
  workflows?: readonly Workflow[];
  /** On a shared database: signals from the other nodes, and who leads. Absent when this node is alone. */
  cluster?: { bus: ClusterBus; leadership: Leadership };
}

const alone: Leadership = { isLeader: () => true, onChange: () => () => undefined, close: async () => undefined };


type CancelListener = (task: TaskView) => void;

const PROMOTE_BATCH = 500;
const ARCHIVE_EVERY_MS = 60_000;


/**
 * The scheduler and the agent-facing side of one Baton node: validation at the
 * edge, the store for every state change, and the wake-ups that make it quick
 * (due timer, work signal, await and cancel notices).
 */
function createEngine(options: EngineOptions) {
  const { store, clock, ids, registry, logger } = options;
  const random = options.random ?? Math.random;
  const leaseMs = options.leaseMs ?? 30_000;
  const sweepIntervalMs = options.sweepIntervalMs ?? 1_000;
  const leadership = options.cluster?.leadership ?? alone;
  const work = createWorkSignal();
  /** Wakes event-stream readers when this node (or, through the bus, another) has written. */
  const logWritten = createWorkSignal();
  const waiters = createWaiters<TaskView>({ pollMs: options.awaitPollMs ?? 1_000, isDone: (task) => isTerminal(task.state) });
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

  const coverage = createAgentCoverage({ store, clock });
  const jobs = createJobService({
    coverage,
    store,
    clock,
    ids,
    registry,
    pollMs: options.awaitPollMs ?? 1_000,
    wake: async () => {
      work.notify();
      await dueTimer.rearm();
    },
    announceCancels: (running) => {
      for (const task of running) for (const listener of cancelListeners) listener(task);
    },
    ensureOpen: () => ensureOpen(),
  });
  const logJobError = (error: unknown) => logger.error({ err: error }, 'moving a job on after a change failed; the next sweep or poll covers it');

  let lastArchive = 0;
  /** Archives what retention says is due (the leader does it once a minute when an archive folder is set). */
  async function archiveNow() {
    lastArchive = clock.now();
    if (!options.archiveDir) return { file: null, tasks: 0, events: 0 };
    return archiveEnded({ store, registry, dir: options.archiveDir, now: clock.now() });
  }

  /** An agent that is gone: the broadcast copies pinned to it end per their step's policy. */
  async function abandonPinnedTo(agentId: string): Promise<void> {
    const ended = await store.abandonPinned({ agentId });
    for (const task of ended) changed(task);
  }

  const sweeper = createLeaseSweeper({
    store,
    leadership,
    intervalMs: sweepIntervalMs,
    random,
    onRescued: (rescued) => rescued.forEach(changed),
    expireAgents: async () => {
      const lost = await store.expireAgents({ limit: 100 });
      for (const agent of lost) await abandonPinnedTo(agent.id);
    },
    // A delayed task submitted by another process (a node that died before its timer fired, or a
    // second process on the same SQLite file) is still promoted: one indexed read a second.
    // Broadcast steps that found no matching agent try again on each beat.
    alsoEachBeat: async () => {
      await dueTimer.rearm();
      if (options.archiveDir && clock.now() - lastArchive >= ARCHIVE_EVERY_MS) await archiveNow();
      await refreshLimits();
      if ((await jobs.fanOut()) > 0) work.notify();
    },
    onError: (error) => logger.error({ err: error }, 'the lease sweep failed; retrying on the next beat'),
  });

  async function settleFromStore(taskIds: readonly string[]): Promise<void> {
    for (const taskId of taskIds) {
      const task = await store.get({ taskId });
      if (task) waiters.settled(task);
    }
  }

  async function announceCancels(taskIds: readonly string[]): Promise<void> {
    for (const taskId of taskIds) {
      const task = await store.get({ taskId });
      if (task?.state === 'running' && task.cancelRequested) for (const listener of cancelListeners) listener(task);
    }
  }

  const logSyncError = (error: unknown) => logger.warn({ err: error }, 'reading a change signalled by another node failed; the next poll covers it');
  const disconnectSignals = options.cluster
    ? connectClusterSignals({
        bus: options.cluster.bus,
        onAny: () => logWritten.notify(),
        onReady: () => work.notify(),
        onDue: (at) => dueTimer.schedule(at),
        onEnded: (taskIds) => {
          const watched = new Set(waiters.waitingFor());
          const wanted = taskIds.filter((id) => watched.has(id));
          if (wanted.length) settleFromStore(wanted).catch(logSyncError);
          jobs.settledElsewhere(taskIds).catch(logSyncError);
        },
        onCancel: (taskIds) => {
          if (cancelListeners.size) announceCancels(taskIds).catch(logSyncError);
        },
        onResync: () => {
          work.notify();
          dueTimer.rearm().catch(logSyncError);
          settleFromStore(waiters.waitingFor()).catch(logSyncError);
          jobs.resync().catch(logSyncError);
        },
      })
    : () => undefined;

  function ensureOpen(): void {
    if (closed) throw new BatonError({ code: 'SHUTTING_DOWN', message: 'the engine is closed' });
  }

  /** Every state change passes here, so waiters and agents hear of it at once. */
  function changed(task: TaskView): TaskView {
    logWritten.notify();
    waiters.settled(task);
    // A serial key's next task, or one waiting for room under a limit, is already queued: this end is what lets it go.
    const freesRoom = isTerminal(task.state) && (task.serialKey !== null || limitedScopes.has(`type:${task.type}`) || (task.limitKey !== null && limitedScopes.has(`key:${task.limitKey}`)));
    if (task.state === 'queued' || freesRoom) work.notify();
    if (task.state === 'scheduled') dueTimer.schedule(task.runAt);
    // The store has run the job's cascade with this change; what it queued, cancelled or ended is announced here.
    if (task.jobId !== null && (isTerminal(task.state) || (task.fanout !== null && task.cancelRequested))) jobs.moved(task.jobId).catch(logJobError);
    return task;
  }

  /** The results of what a job's task depends on, by key; a broadcast copy sees its step's. */
  async function resultsFor(task: TaskView): Promise<Record<string, unknown>> {
    const owner = task.parentId === null ? task : await store.get({ taskId: task.parentId });
    const deps = owner?.dependsOn ?? [];
    if (deps.length === 0) return {};
    const done = await Promise.all(deps.map((taskId) => store.get({ taskId })));
    return Object.fromEntries(done.filter((d): d is TaskView => d !== null).map((d) => [d.key ?? d.id, d.result]));
  }

  const tasks = createTaskService({
    store,
    clock,
    ids,
    registry,
    coverage,
    waiters,
    changed: (task) => changed(task),
    announceCancel: (task) => {
      for (const listener of cancelListeners) listener(task);
    },
    ensureOpen: () => ensureOpen(),
  });

  const schedules = createScheduleService({
    store,
    clock,
    registry,
    leadership,
    submit: async (input) => (await tasks.submit(input as SubmitTaskInput)).task,
    onError: (error) => logger.error({ err: error }, 'a schedule tick failed; it is tried again on the next pass'),
  });

  /** What agents use: claims, reports with fencing tokens, wake-ups and cancel notices. */
  const agentWork = {
    async claim(params: { agentId: string; types: readonly string[]; limit: number }): Promise<ClaimedTask[]> {
      ensureOpen();
      const claimed = await store.claim({ ...params, leaseMs });
      if (claimed.length > 0) logWritten.notify();
      return Promise.all(claimed.map(async (task) => toClaimedTask(task, task.jobId === null ? {} : await resultsFor(task))));
    },
    /**
     * A long-poll claim: claims at once if work is ready, else waits for a
     * wake-up (local, or a NOTIFY from another node) up to `waitMs` and tries
     * again. An abort (the agent stops, the HTTP client left) ends the wait
     * without claiming, so nothing is claimed for a caller who is gone.
     */
    async claimOrWait(params: { agentId: string; types: readonly string[]; limit: number; waitMs: number; signal?: AbortSignal }): Promise<ClaimedTask[]> {
      const deadline = Date.now() + params.waitMs;
      const wakeups = work.subscribe();
      try {
        for (;;) {
          if (params.signal?.aborted || closed) return [];
          // Clear the flag before reading, so work that arrives during the claim wakes the next wait.
          wakeups.take();
          const tasks = await agentWork.claim(params);
          const left = deadline - Date.now();
          if (tasks.length > 0 || left <= 0) return tasks;
          await wakeups.wait({ timeoutMs: left, ...(params.signal ? { signal: params.signal } : {}) });
        }
      } finally {
        wakeups.close();
      }
    },
    async succeed(params: { taskId: string; token: number; result: unknown }): Promise<TaskView> {
      return changed(orThrow(await store.succeed(params)));
    },
    async fail(params: { taskId: string; token: number; error: ErrorInfo; retryable: boolean; retryAfterMs?: number | null }): Promise<TaskView> {
      return changed(orThrow(await store.fail({ ...params, random: random() })));
    },
    async release(params: { taskId: string; token: number; reason: string }): Promise<TaskView> {
      return changed(orThrow(await store.release(params)));
    },
    async progress(params: { taskId: string; token: number; progress: unknown }): Promise<TaskView> {
      return orThrow(await store.progress(params));
    },
    async confirmCancel(params: { taskId: string; token: number }): Promise<TaskView> {
      return changed(orThrow(await store.confirmCancel(params)));
    },
    /** An agent announces itself (AgentRegistered, unless it re-registers unchanged). */
    async register(params: { agent: NewAgent }): Promise<AgentView> {
      ensureOpen();
      const agent = await store.registerAgent({ ...params, leaseMs });
      // A broadcast step waiting for a matching agent may now fan out.
      jobs.fanOut().then((n) => n > 0 && work.notify(), logJobError);
      return agent;
    },
    /** The tasks this agent holds whose cancel was requested: what a watch that starts now has missed. */
    async pendingCancels(params: { agentId: string }): Promise<string[]> {
      const agent = await store.getAgent(params);
      if (!agent) return [];
      const held = await Promise.all(agent.taskIds.map((taskId) => store.get({ taskId })));
      return held.filter((t) => t?.state === 'running' && t.cancelRequested && t.agentId === params.agentId).map((t) => t!.id);
    },
    /** A graceful goodbye (AgentStopped). */
    async unregister(params: { agentId: string; reason: string }): Promise<void> {
      await store.stopAgent(params);
      await abandonPinnedTo(params.agentId);
    },
    /** A heartbeat: extends the leases the agent still holds; says which are lost and which must be cancelled. */
    async heartbeat(params: { agentId: string; leases: readonly { taskId: string; token: number }[] }): Promise<LeaseRenewal[]> {
      return store.extendLeases({ ...params, leaseMs });
    },
    leaseMs,
    subscribe(): WorkSubscription {
      return work.subscribe();
    },
    onCancelRequested(listener: CancelListener): () => void {
      cancelListeners.add(listener);
      return () => cancelListeners.delete(listener);
    },
  };

  /** Pause and resume of task types, for every node and agent of the cluster. */
  const types = {
    /** No agent claims the type until it is resumed; its tasks wait, running ones finish. */
    pause(params: { taskType: string; reason?: string }) {
      ensureOpen();
      return store.pauseType({ taskType: params.taskType, reason: params.reason ?? 'paused by request' });
    },
    async resume(params: { taskType: string }) {
      ensureOpen();
      const control = await store.resumeType(params);
      work.notify();
      return control;
    },
    list: () => store.listTypeControls(),
  };

  /** Scopes with limits, as this node last read them: the end of a task under one wakes claimers waiting for room. */
  let limitedScopes = new Set<string>();
  const refreshLimits = async () => {
    limitedScopes = new Set((await store.listLimits()).filter((l) => l.concurrency !== null || l.rate !== null).map((l) => l.scope));
  };
  /** Concurrency and rate limits per type (`type:<name>`) and per limit key (`key:<name>`), for the whole cluster. */
  const limits = {
    async set(params: { scope: string; concurrency: number | null; rate: RateLimit | null }) {
      ensureOpen();
      const set = await store.setLimits(params);
      await refreshLimits();
      work.notify();
      return set;
    },
    list: () => store.listLimits(),
  };

  /** The agent registry: who is live, what they run, what they hold. */
  const agents = {
    list: (params: { states?: readonly AgentState[] } = {}) => store.listAgents(params),
    async get(params: { agentId: string }): Promise<AgentInfo> {
      const agent = await store.getAgent(params);
      if (!agent) throw new BatonError({ code: 'AGENT_NOT_FOUND', message: `agent ${params.agentId} never registered` });
      return agent;
    },
  };

  /** The log itself: every event, in order. */
  const events = {
    readAll: (params: { afterSeq: number; limit: number }) => store.readAll(params),
    readStream: (params: { streamId: string }) => store.readStream(params),
    /** The feed for subscribers: every committed event once, resumable by cursor. */
    readFeed: (params: { cursor: string | null; limit: number }) => store.readFeed(params),
    /** A wake-up when events may have been written; readers still poll, for writes it does not see. */
    subscribe: () => logWritten.subscribe(),
    /** The ordered history of a task, job, agent, reminder or schedule, and its state as of a past time or event number. */
    history: (params: { id: string; asOf?: AsOf }) => historyOf({ store, ...params }),
  };

  return {
    tasks,
    jobs: {
      submit: jobs.submit,
      get: jobs.get,
      list: jobs.list,
      cancel: jobs.cancel,
      await: jobs.await,
    },
    /** Recurring tasks by cron expression and time zone, fired on the leader, one task per tick. */
    schedules,
    /** Workflows by name, and the triggers that start them. */
    workflows: createWorkflowService({ workflows: options.workflows ?? [], jobs }),
    /** API tokens: issue, revoke, verify; the HTTP server's auth reads them. */
    tokens: createApiTokens({ store }),
    types,
    limits,
    agents,
    events,
    work: agentWork,
    definitions: registry,
    /** Retention's archiving, run now rather than on the next minute. */
    archiveNow,
    /** The supervisor's sweep, run now rather than on its next beat. */
    sweepNow: () => sweeper.sweepNow(),
    /** Throws when this node cannot claim and commit right now. */
    async checkReady(): Promise<void> {
      if (closed) throw new BatonError({ code: 'SHUTTING_DOWN', message: 'the engine is closed' });
      await store.ping();
    },
    isLeader: () => leadership.isLeader(),
    /** Arms the due timer from what the store holds (tasks delayed before a restart) and starts the sweep. */
    async start(): Promise<void> {
      await dueTimer.rearm();
      await refreshLimits();
      sweeper.start();
      schedules.start();
    },
    async close(): Promise<void> {
      closed = true;
      dueTimer.stop();
      disconnectSignals();
      await sweeper.stop();
      await schedules.stop();
      waiters.closeAll();
      jobs.closeAll();
      cancelListeners.clear();
    },
  };
}

type Engine = ReturnType<typeof createEngine>;

export { createEngine };
export type { Engine, EngineOptions, EngineLogger, SubmitResult };
