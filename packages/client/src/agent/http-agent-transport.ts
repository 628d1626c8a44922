import { BatonError, createGroupCommit, type CancelWatchResponse, type ClaimResponse, type HeartbeatResponse, type RegisterAgentResponse, type Report, type ReportsResponse } from '@baton/core';
import { createHttpRequester, type FetchLike } from '../http/http-request.js';
import type { AgentTransport } from './agent-transport.js';

interface HttpAgentTransportOptions {
  /** The Baton server's base URL. */
  url: string;
  /** A token with the agent scope. */
  token?: string;
  /** How requests are sent; by default node:http on Node (kept-alive connections), else the global fetch. */
  fetch?: FetchLike;
}

/** On Node, node:http (loaded only there, so the SDK stays loadable in a browser); elsewhere the global fetch. */
async function agentFetch(): Promise<FetchLike> {
  const onNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
  return onNode ? await (await import('./node-http-fetch.js')).createNodeHttpFetch() : globalThis.fetch;
}

/** How long the cancel watch waits per request, and how long it rests after a failed one. */
const CANCEL_WATCH_MS = 25_000;
const WATCH_RETRY_MS = 1_000;
/** Reports per request, and requests of reports in flight at once per agent. */
const REPORTS_PER_REQUEST = 100;
const REPORT_REQUESTS_IN_FLIGHT = 2;

/**
 * The agent runtime's transport to a Baton server over HTTP (the remote agent
 * protocol): the same runtime as in-process agents, needing only a URL and a
 * token, no database credentials. Claims are long-polls; cancel requests
 * arrive through a long-poll of their own (and, as a fallback, in every
 * heartbeat's answer). Successes and failures that end close together go
 * in one request (`/reports`), so under load a report costs a fraction of a
 * round trip; alone, one goes at once.
 */
function createHttpAgentTransport(options: HttpAgentTransportOptions): AgentTransport {
  let loaded: Promise<FetchLike> | null = null;
  const send: FetchLike = options.fetch ?? (async (url, init) => (await (loaded ??= agentFetch()))(url, init));
  const http = createHttpRequester({ ...options, fetch: send, timeoutMs: 15_000 });
  const base = (agentId: string) => `/v1/agents/${encodeURIComponent(agentId)}`;
  const report = (agentId: string, taskId: string, what: string) => `${base(agentId)}/tasks/${encodeURIComponent(taskId)}/${what}`;
  const watches = new Map<string, AbortController>();
  const reportGroups = new Map<string, ReturnType<typeof createGroupCommit<{ item: Report; result: ReportsResponse['results'][number] }>>>();

  async function sendReport(agentId: string, report: Report): Promise<void> {
    let group = reportGroups.get(agentId);
    if (!group) {
      group = createGroupCommit<{ item: Report; result: ReportsResponse['results'][number] }>({
        maxBatch: REPORTS_PER_REQUEST,
        maxInFlight: REPORT_REQUESTS_IN_FLIGHT,
        keyOf: (r) => r.taskId,
        flush: async (reports) => (await http.request<ReportsResponse>({ method: 'POST', path: `${base(agentId)}/reports`, body: { reports } })).results,
      });
      reportGroups.set(agentId, group);
    }
    const result = await group.run(report);
    // A refusal reads exactly as it would had the report gone alone.
    if (!result.ok) throw new BatonError({ code: result.problem.code, message: result.problem.detail, taskId: result.taskId });
  }

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
    succeed({ agentId, taskId, token, result }) {
      return sendReport(agentId, { outcome: 'succeed', taskId, token, result });
    },
    fail({ agentId, taskId, token, error, retryable, retryAfterMs }) {
      return sendReport(agentId, { outcome: 'fail', taskId, token, error, retryable, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) });
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
      reportGroups.delete(agentId);
      await http.request({ method: 'POST', path: `${base(agentId)}/stop`, body: { reason: 'stopped' } });
    },
  };
}

export { createHttpAgentTransport };
export type { HttpAgentTransportOptions };
