import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
/**
 * Liveness (/healthz: the process answers) and readiness (/readyz: it can
 * claim and commit now), with no credentials; Prometheus metrics (/metrics)
 * for a token with the read scope, since task types and counts are the
 * operator's business.
 */
declare function healthRoutes(params: {
    engine: Engine;
}): (app: FastifyInstance) => Promise<void>;
export { healthRoutes };
//# sourceMappingURL=health-routes.d.ts.map