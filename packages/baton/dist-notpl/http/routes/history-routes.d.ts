import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
/** /v1/history/:id: the ordered history of a task, job, agent, reminder or schedule, and its state as of a past point. */
declare function historyRoutes(params: {
    engine: Engine;
}): (app: FastifyInstance) => Promise<void>;
export { historyRoutes };
//# sourceMappingURL=history-routes.d.ts.map