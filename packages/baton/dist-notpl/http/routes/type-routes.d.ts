import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
/** /v1/types: pause and resume claiming of a task type across the cluster; /v1/limits: concurrency and rate limits per type and per key. */
declare function typeRoutes(params: {
    engine: Engine;
}): (app: FastifyInstance) => Promise<void>;
export { typeRoutes };
//# sourceMappingURL=type-routes.d.ts.map