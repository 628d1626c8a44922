import type { FastifyInstance } from 'fastify';
import type { RouteEntry } from '../http-server.js';
/** GET /openapi.json and GET /docs: the API document and its reference page, public like the health probes. */
declare function docRoutes(params: {
    routes: readonly RouteEntry[];
}): (app: FastifyInstance) => Promise<void>;
export { docRoutes };
//# sourceMappingURL=doc-routes.d.ts.map