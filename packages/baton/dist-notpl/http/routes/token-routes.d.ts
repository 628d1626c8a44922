import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
/** /v1/tokens (admin only): issue a token (its secret shown once), list, revoke. */
declare function tokenRoutes(params: {
    engine: Engine;
}): (app: FastifyInstance) => Promise<void>;
export { tokenRoutes };
//# sourceMappingURL=token-routes.d.ts.map