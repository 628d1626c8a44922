import type { AgentLabels, AnyDefinition, ClaimedTask, ErrorInfo, LeaseRenewal } from '@baton/core';

/**
 * How an agent reaches a scheduler. The in-process transport calls the engine
 * directly; the HTTP transport speaks the remote agent protocol. The runtime
 * above it is the same, so an agent behaves alike wherever it runs.
 * Reports throw BatonError when refused (STALE_LEASE, TASK_NOT_RUNNING, …).
 */
interface AgentTransport {
  /** Announces the agent and the task definitions it runs; answers with the lease a claim gets. */
  register(params: { agentId: string; host: string; labels: AgentLabels; definitions: readonly AnyDefinition[]; concurrency: number }): Promise<{ leaseMs: number }>;
  /**
   * Claims at most `limit` tasks of the given types. When none is ready it waits
   * (a long-poll) up to `waitMs` for some to become ready, and answers as soon as
   * it has claimed any; an abort ends the wait with whatever was claimed (none).
   */
  claim(params: { agentId: string; types: readonly string[]; limit: number; waitMs: number; signal: AbortSignal }): Promise<ClaimedTask[]>;
  /** Extends the leases of the tasks the agent runs; says which it lost and which must be cancelled. */
  heartbeat(params: { agentId: string; leases: readonly { taskId: string; token: number }[] }): Promise<LeaseRenewal[]>;
  // Every report names the agent making it and carries the fencing token of its claim.
  succeed(params: { agentId: string; taskId: string; token: number; result: unknown }): Promise<void>;
  fail(params: { agentId: string; taskId: string; token: number; error: ErrorInfo; retryable: boolean; retryAfterMs?: number }): Promise<void>;
  release(params: { agentId: string; taskId: string; token: number; reason: string }): Promise<void>;
  progress(params: { agentId: string; taskId: string; token: number; progress: unknown }): Promise<void>;
  confirmCancel(params: { agentId: string; taskId: string; token: number }): Promise<void>;
  /** Calls `listener` with the id of a task whose cancel was requested; returns the unsubscribe. */
  onCancelRequested(params: { agentId: string; listener: (taskId: string) => void }): () => void;
  /** The agent has stopped: free what the transport holds for it. */
  unregister(params: { agentId: string }): Promise<void>;
}

export type { AgentTransport };
