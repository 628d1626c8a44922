import type { CancelWatchResponse, ClaimResponse, HeartbeatResponse, RegisterAgentResponse } from '@baton/core';
import { createHttpRequester } from '../http/http-request.js';
import type { AgentTransport } from './agent-transport.js';

interface HttpAgentTransportOptions {
  /** The Baton server's base URL. */
  url: string;
  /** A token with the agent scope. */
  token?: string;
  fetch?: typeof fetch;
}

/** How long the cancel watch waits per request, and how long it rests after a failed one. */
const CANCEL_WATCH_MS = 25_000;
const WATCH_RETRY_MS = 1_000;

/**
 * The agent runtime's transport to a Baton server over HTTP (the remote agent
 * protocol): the same runtime as in-process agents, needing only a URL and a
 * token, no database credentials. Claims are long-polls; cancel requests
 * arrive through a long-poll of their own (and, as a fallback, in every
 * heartbeat's answer).
 */
function createHttpAgentTransport(options: HttpAgentTransportOptions): AgentTransport {
  const http = createHttpRequester({ ...options, timeoutMs: 15_000 });
  const base = (agentId: string) => `/v1/agents/${encodeURIComponent(agentId)}`;
  const report = (agentId: string, taskId: string, what: string) => `${base(agentId)}/tasks/${encodeURIComponent(taskId)}/${what}`;
  const watches = new Map<string, AbortController>();

  async function watchCancels(agentId: string, listener: (taskId: string) => void, signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      try {
        const res = await http.request<CancelWatchResponse>({
          method: 'POST',
          path: `${base(agentId)}/cancels`,
          body: { waitMs: CANCEL_WATCH_MS },
          timeoutMs: CANCEL_WATCH_MS + 10_000,
          signal,
        });
        for (const taskId of res.taskIds) listener(taskId);
      } catch {
        if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, WATCH_RETRY_MS));
      }
    }
  }

  return {
    async register({ agentId, host, labels, definitions, concurrency }) {
      const res = await http.request<RegisterAgentResponse>({
        method: 'PUT',
        path: base(agentId),
        body: { host, labels, types: definitions.map((d) => d.type), concurrency },
      });
      return { leaseMs: res.leaseMs };
    },
    async claim({ agentId, types, limit, waitMs, signal }) {
      const wait = Math.min(Math.max(0, waitMs), 30_000);
      try {
        const res = await http.request<ClaimResponse>({ method: 'POST', path: `${base(agentId)}/claim`, body: { types, limit, waitMs: wait }, timeoutMs: wait + 10_000, signal });
        return res.tasks;
      } catch (error) {
        // Stopping: the server saw the request end and claims nothing for it.
        if (signal.aborted) return [];
        throw error;
      }
    },
    async heartbeat({ agentId, leases }) {
      return (await http.request<HeartbeatResponse>({ method: 'POST', path: `${base(agentId)}/heartbeat`, body: { leases } })).renewals;
    },
    async succeed({ agentId, taskId, token, result }) {
      await http.request({ method: 'POST', path: report(agentId, taskId, 'succeed'), body: { token, result } });
    },
    async fail({ agentId, taskId, token, error, retryable, retryAfterMs }) {
      await http.request({ method: 'POST', path: report(agentId, taskId, 'fail'), body: { token, error, retryable, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) } });
    },
    async release({ agentId, taskId, token, reason }) {
      await http.request({ method: 'POST', path: report(agentId, taskId, 'release'), body: { token, reason } });
    },
    async progress({ agentId, taskId, token, progress }) {
      await http.request({ method: 'POST', path: report(agentId, taskId, 'progress'), body: { token, progress } });
    },
    async confirmCancel({ agentId, taskId, token }) {
      await http.request({ method: 'POST', path: report(agentId, taskId, 'confirm-cancel'), body: { token } });
    },
    onCancelRequested({ agentId, listener }) {
      const controller = new AbortController();
      watches.set(agentId, controller);
      void watchCancels(agentId, listener, controller.signal);
      return () => {
        controller.abort();
        watches.delete(agentId);
      };
    },
    async unregister({ agentId }) {
      watches.get(agentId)?.abort();
      watches.delete(agentId);
      await http.request({ method: 'POST', path: `${base(agentId)}/stop`, body: { reason: 'stopped' } });
    },
  };
}

export { createHttpAgentTransport };
export type { HttpAgentTransportOptions };
