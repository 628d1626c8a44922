import { AgentIdParamsSchema, AgentListResponseSchema, AgentResourceSchema, ListAgentsQuerySchema, toAgentResource, type AgentListResponse, type AgentResource } from '@baton/core';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import { parseRequest } from '../parse-request.js';

/** /v1/agents: the registry, with each agent's liveness, load and the tasks it holds. */
function agentRoutes(params: { engine: Engine }) {
  const { engine } = params;
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/v1/agents', { config: { access: 'read', doc: { tag: 'agents', summary: 'The agent registry: liveness, load, held tasks', query: ListAgentsQuerySchema, response: AgentListResponseSchema } } }, async (request): Promise<AgentListResponse> => {
      const query = parseRequest({ schema: ListAgentsQuerySchema, value: request.query, part: 'query' });
      const agents = await engine.agents.list(query.state ? { states: query.state } : {});
      return { items: agents.map(toAgentResource) };
    });

    app.get('/v1/agents/:id', { config: { access: 'read', doc: { tag: 'agents', summary: 'One agent', params: AgentIdParamsSchema, response: AgentResourceSchema } } }, async (request): Promise<AgentResource> => {
      const { id } = parseRequest({ schema: AgentIdParamsSchema, value: request.params, part: 'params' });
      return toAgentResource(await engine.agents.get({ agentId: id }));
    });
  };
}

export { agentRoutes };
