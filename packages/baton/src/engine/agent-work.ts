import {
  toClaimedTask,
  type AgentView,
  type ClaimedTask,
  type ErrorInfo,
  type LeaseRenewal,
  type NewAgent,
  type TaskStore,
  type TaskView,
} from '@baton/core';
import { orThrow } from './task-service.js';
import type { WorkSignal, WorkSubscription } from './work-signal.js';
import type { TaskObserver } from './engine-metrics.js';
import type { Handoffs } from './handoff.js';

type CancelListener = (task: TaskView) => void;

/**
 * The agent-facing side of a node: claims (long-polled), fenced reports,
 * registration, heartbeats and cancel notices. Local agents use it directly,
 * remote ones through the HTTP agent protocol.
 */
function createAgentWork(deps: {
  store: TaskStore;
  leaseMs: number;
  random: () => number;
  /** Wakes claimers when work may be ready. */
  work: WorkSignal;
  /** Wakes event-stream readers when something was written. */
  logWritten: WorkSignal;
  cancelListeners: Set<CancelListener>;
  isClosed: () => boolean;
  ensureOpen: () => void;
  /** Every state change passes here, so waiters and agents hear of it at once. */
  changed: (task: TaskView) => TaskView;
  /** Idle claimers, to whom a submission here may hand its tasks. */
  handoffs: Handoffs;
  /** Told of claims and reports made here, for the metrics. */
  observer: TaskObserver;
  onRegistered: () => Promise<unknown>;
  onStopped: (agentId: string) => Promise<void>;
}) {
  const { store, leaseMs, random, work, logWritten, cancelListeners, ensureOpen, changed } = deps;

  /** The results of what a job's task depends on, by key; a broadcast copy sees its step's. */
  async function resultsFor(task: TaskView): Promise<Record<string, unknown>> {
    const owner = task.parentId === null ? task : await store.get({ taskId: task.parentId });
    const deps = owner?.dependsOn ?? [];
    if (deps.length === 0) return {};
    const done = await Promise.all(deps.map((taskId) => store.get({ taskId })));
    return Object.fromEntries(done.filter((d): d is TaskView => d !== null).map((d) => [d.key ?? d.id, d.result]));
  }


  const reported = (task: TaskView): TaskView => {
    deps.observer.reported(task);
    return task;
  };

  /**
   * Tasks handed over by a submission, as a claim answers them. A caller that
   * has gone meanwhile (an aborted long-poll) gets nothing, and its tasks go
   * back to the queue at once rather than waiting out their lease.
   */
  async function deliver(handed: TaskView[], signal?: AbortSignal): Promise<ClaimedTask[]> {
    logWritten.notify();
    deps.observer.claimed(handed);
    if (signal?.aborted || deps.isClosed()) {
      // A release that fails leaves the task to its lease, which the sweeper rescues as for any agent gone.
      await Promise.all(handed.map((task) => agentWork.release({ taskId: task.id, token: task.token, reason: 'the claimer left before the task was handed over' }).catch(() => undefined)));
      return [];
    }
    return handed.map((task) => toClaimedTask(task, {}));
  }

  /** What agents use: claims, reports with fencing tokens, wake-ups and cancel notices. */
  const agentWork = {
    async claim(params: { agentId: string; types: readonly string[]; limit: number }): Promise<ClaimedTask[]> {
      ensureOpen();
      const claimed = await store.claim({ ...params, leaseMs });
      if (claimed.length > 0) {
        logWritten.notify();
        deps.observer.claimed(claimed);
      }
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
          if (params.signal?.aborted || deps.isClosed()) return [];
          // Clear the flag before reading, so work that arrives during the claim wakes the next wait.
          wakeups.take();
          const tasks = await agentWork.claim(params);
          const left = deadline - Date.now();
          if (tasks.length > 0 || left <= 0) return tasks;
          // Idle: a task submitted here meanwhile may be handed over claimed, in the submission's own write.
          const offer = deps.handoffs.wait({ agentId: params.agentId, types: new Set(params.types), limit: params.limit });
          await Promise.race([offer.offered, wakeups.wait({ timeoutMs: left, ...(params.signal ? { signal: params.signal } : {}) })]);
          const handed = await offer.close();
          if (handed.length > 0) return await deliver(handed, params.signal);
        }
      } finally {
        wakeups.close();
      }
    },
    async succeed(params: { taskId: string; token: number; result: unknown }): Promise<TaskView> {
      return reported(changed(orThrow(await store.succeed(params))));
    },
    async fail(params: { taskId: string; token: number; error: ErrorInfo; retryable: boolean; retryAfterMs?: number | null }): Promise<TaskView> {
      return reported(changed(orThrow(await store.fail({ ...params, random: random() }))));
    },
    async release(params: { taskId: string; token: number; reason: string }): Promise<TaskView> {
      return changed(orThrow(await store.release(params)));
    },
    async progress(params: { taskId: string; token: number; progress: unknown }): Promise<TaskView> {
      return orThrow(await store.progress(params));
    },
    async confirmCancel(params: { taskId: string; token: number }): Promise<TaskView> {
      return reported(changed(orThrow(await store.confirmCancel(params))));
    },
    /** An agent announces itself (AgentRegistered, unless it re-registers unchanged). */
    async register(params: { agent: NewAgent }): Promise<AgentView> {
      ensureOpen();
      const agent = await store.registerAgent({ ...params, leaseMs });
      // A broadcast step waiting for a matching agent may now fan out.
      void deps.onRegistered();
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
      await deps.onStopped(params.agentId);
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
  return agentWork;
}

type AgentWork = ReturnType<typeof createAgentWork>;

export { createAgentWork };
export type { AgentWork, CancelListener };
