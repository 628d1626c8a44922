import { AgentIdParamsSchema, AgentListResponseSchema, AgentResourceSchema, ListAgentsQuerySchema, toAgentResource } from '@baton/core';
import { parseRequest } from '../parse-request.js';
/** /v1/agents: the registry, with each agent's liveness, load and the tasks it holds. */
function agentRoutes(params) {
    const { engine } = params;
    return async (app) => {
        app.get('/v1/agents', { config: { access: 'read', doc: { tag: 'agents', summary: 'The agent registry: liveness, load, held tasks', query: ListAgentsQuerySchema, response: AgentListResponseSchema } } }, async (request) => {
            const query = parseRequest({ schema: ListAgentsQuerySchema, value: request.query, part: 'query' });
            const agents = await engine.agents.list(query.state ? { states: query.state } : {});
            return { items: agents.map(toAgentResource) };
        });
        app.get('/v1/agents/:id', { config: { access: 'read', doc: { tag: 'agents', summary: 'One agent', params: AgentIdParamsSchema, response: AgentResourceSchema } } }, async (request) => {
            const { id } = parseRequest({ schema: AgentIdParamsSchema, value: request.params, part: 'params' });
            return toAgentResource(await engine.agents.get({ agentId: id }));
        });
    };
}
export { agentRoutes };
//# sourceMappingURL=agent-routes.js.map