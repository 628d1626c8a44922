import { type AgentView, type ClaimedTask, type ErrorInfo, type LeaseRenewal, type NewAgent, type TaskStore, type TaskView } from '@baton/core';
import type { WorkSignal, WorkSubscription } from './work-signal.js';
import type { TaskObserver } from './engine-metrics.js';
import type { Handoffs } from './handoff.js';
type CancelListener = (task: TaskView) => void;
/**
 * The agent-facing side of a node: claims (long-polled), fenced reports,
 * registration, heartbeats and cancel notices. Local agents use it directly,
 * remote ones through the HTTP agent protocol.
 */
declare function createAgentWork(deps: {
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
}): {
    claim(params: {
        agentId: string;
        types: readonly string[];
        limit: number;
    }): Promise<ClaimedTask[]>;
    /**
     * A long-poll claim: claims at once if work is ready, else waits for a
     * wake-up (local, or a NOTIFY from another node) up to `waitMs` and tries
     * again. An abort (the agent stops, the HTTP client left) ends the wait
     * without claiming, so nothing is claimed for a caller who is gone.
     */
    claimOrWait(params: {
        agentId: string;
        types: readonly string[];
        limit: number;
        waitMs: number;
        signal?: AbortSignal;
    }): Promise<ClaimedTask[]>;
    succeed(params: {
        taskId: string;
        token: number;
        result: unknown;
    }): Promise<TaskView>;
    fail(params: {
        taskId: string;
        token: number;
        error: ErrorInfo;
        retryable: boolean;
        retryAfterMs?: number | null;
    }): Promise<TaskView>;
    release(params: {
        taskId: string;
        token: number;
        reason: string;
    }): Promise<TaskView>;
    progress(params: {
        taskId: string;
        token: number;
        progress: unknown;
    }): Promise<TaskView>;
    confirmCancel(params: {
        taskId: string;
        token: number;
    }): Promise<TaskView>;
    /** An agent announces itself (AgentRegistered, unless it re-registers unchanged). */
    register(params: {
        agent: NewAgent;
    }): Promise<AgentView>;
    /** The tasks this agent holds whose cancel was requested: what a watch that starts now has missed. */
    pendingCancels(params: {
        agentId: string;
    }): Promise<string[]>;
    /** A graceful goodbye (AgentStopped). */
    unregister(params: {
        agentId: string;
        reason: string;
    }): Promise<void>;
    /** A heartbeat: extends the leases the agent still holds; says which are lost and which must be cancelled. */
    heartbeat(params: {
        agentId: string;
        leases: readonly {
            taskId: string;
            token: number;
        }[];
    }): Promise<LeaseRenewal[]>;
    leaseMs: number;
    subscribe(): WorkSubscription;
    onCancelRequested(listener: CancelListener): () => void;
};
type AgentWork = ReturnType<typeof createAgentWork>;
export { createAgentWork };
export type { AgentWork, CancelListener };
//# sourceMappingURL=agent-work.d.ts.map