import {
  BatonError,
  isTerminal,
  type Clock,
  type DefinitionRegistry,
  type AgentInfo,
  type AgentState,
  type ClusterBus,
  type Ids,
  type Leadership,
  type RateLimit,
  type TaskStore,
  type TaskView,
} from '@baton/core';
import { createApiTokens } from '../auth/api-tokens.js';
import { connectClusterSignals } from './cluster-sync.js';
import { createAgentCoverage } from './agent-coverage.js';
import { createHandoffs, promoteHandingOver } from './handoff.js';
import { createDueTimer } from './due-timer.js';
import { fractionalClock } from './fractional-clock.js';
import { createJobService } from './job-service.js';
import { createLeaseSweeper } from './lease-sweeper.js';
import { createEngineMetrics, type EventReader } from './engine-metrics.js';
import { allOf, createTaskLog } from './task-log.js';
import { createTaskService, type SubmitResult } from './task-service.js';
import { createAgentWork, type CancelListener } from './agent-work.js';
import type { SubmitTaskInput } from './submission.js';
import { createWaiters } from './waiters.js';
import { createWorkflowService } from '../workflows/workflow-service.js';
import { createScheduleService } from '../schedules/schedule-service.js';
import { historyOf, type AsOf } from '../replay/history.js';
import { archiveEnded } from '../replay/archiver.js';
import type { Workflow } from '../workflows/workflow-loader.js';
import { createWorkSignal } from './work-signal.js';

interface EngineLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
  /** Failures, retries and cancels of running tasks, with their task and job ids (`task-log.ts`). */
  info?(obj: object, msg: string): void;
  /** Claims and successes, one line per task. */
  debug?(obj: object, msg: string): void;
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
  const handoffs = createHandoffs();
  let closed = false;

  const dueTimer = createDueTimer({
    // Run times may keep a fraction of a millisecond (ADR 0036): a whole-millisecond clock would wait for the next one.
    clock: fractionalClock({ clock }),
    nextDueAt: () => store.nextDueAt(),
    promote: async () => {
      // An idle agent here may take due tasks of its types in the promotion's own write (ADR 0026).
      const promoted = await promoteHandingOver({ handoffs, leaseMs, promote: (handoff) => store.promoteDue({ limit: PROMOTE_BATCH, ...(handoff ? { handoff } : {}) }) });
      if (promoted.some((task) => task.state === 'queued')) work.notify();
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

  /** Event streams open on this node, for the subscriber-lag metric. */
  const readers = new Set<EventReader>();
  const metrics = createEngineMetrics({ store, clock, readers: () => readers });
  const observer = allOf([metrics.observer, createTaskLog(logger)]);
  const sweeper = createLeaseSweeper({
    store,
    leadership,
    intervalMs: sweepIntervalMs,
    random,
    onRescued: (rescued) => {
      observer.rescued(rescued);
      rescued.forEach(changed);
    },
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
    if (task.jobId !== null && (isTerminal(task.state) || (task.fanout !== null && task.cancelRequested))) jobs.moved(task.jobId, task).catch(logJobError);
    return task;
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
    handoffs,
    leaseMs,
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
  const agentWork = createAgentWork({
    store,
    leaseMs,
    random,
    work,
    logWritten,
    cancelListeners,
    isClosed: () => closed,
    ensureOpen: () => ensureOpen(),
    changed: (task) => changed(task),
    handoffs,
    observer,
    onRegistered: () => {
      // The next submission here will find this agent without a read of its own.
      void coverage.refresh();
      return jobs.fanOut().then((n) => n > 0 && work.notify(), logJobError);
    },
    onStopped: (agentId) => abandonPinnedTo(agentId),
  });

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
    /** A cursor past everything committed so far: a subscriber that starts there sees only what comes next. */
    feedTail: () => store.feedTail(),
    /** A wake-up when events may have been written; readers still poll, for writes it does not see. */
    subscribe: () => logWritten.subscribe(),
    /**
     * Registers an event-stream reader for the metrics: it says after each
     * page whether more is waiting (a full page), and closes when it ends.
     */
    track() {
      const reader: EventReader = { behindSince: null };
      readers.add(reader);
      return {
        page(full: boolean) {
          if (!full) reader.behindSince = null;
          else reader.behindSince ??= clock.now();
        },
        close: () => void readers.delete(reader),
      };
    },
    /** The ordered history of a task, job, agent, reminder or schedule, and its state as of a past time or event number. */
    history: (params: { id: string; asOf?: AsOf; after?: number; limit?: number }) => historyOf({ store, ...params }),
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
    /** Prometheus metrics of this node (its own registry), served at /metrics. */
    metrics: metrics.registry,
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
