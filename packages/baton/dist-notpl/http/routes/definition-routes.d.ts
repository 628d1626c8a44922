import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
/** /v1/definitions: the task types this node accepts, with their payload schemas and defaults. */
declare function definitionRoutes(params: {
    engine: Engine;
}): (app: FastifyInstance) => Promise<void>;
export { definitionRoutes };
//# sourceMappingURL=definition-routes.d.ts.map