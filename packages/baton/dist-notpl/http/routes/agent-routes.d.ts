import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
/** /v1/agents: the registry, with each agent's liveness, load and the tasks it holds. */
declare function agentRoutes(params: {
    engine: Engine;
}): (app: FastifyInstance) => Promise<void>;
export { agentRoutes };
//# sourceMappingURL=agent-routes.d.ts.map