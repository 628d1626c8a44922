import type { FastifyInstance } from 'fastify';
/**
 * The dashboard at `/`: static files with no credentials (they hold no data);
 * every API call the page makes carries the token the reader logs in with.
 */
declare function dashboardRoutes(params?: {
    folder?: string | null;
}): (app: FastifyInstance) => Promise<void>;
export { dashboardRoutes };
//# sourceMappingURL=dashboard-routes.d.ts.map