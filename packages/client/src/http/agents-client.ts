import type { AgentListResponse, AgentResource, AgentState } from '@baton/core';
import type { HttpRequester } from './http-request.js';

/** /v1/agents over HTTP. */
function createAgentsClient(http: HttpRequester) {
  return {
    list: (params: { states?: readonly AgentState[] } = {}) =>
      http.request<AgentListResponse>({ method: 'GET', path: '/v1/agents', query: { state: params.states?.join(',') } }),
    get: (params: { agentId: string }) => http.request<AgentResource>({ method: 'GET', path: `/v1/agents/${encodeURIComponent(params.agentId)}` }),
  };
}

type AgentsClient = ReturnType<typeof createAgentsClient>;

export { createAgentsClient };
export type { AgentsClient };
