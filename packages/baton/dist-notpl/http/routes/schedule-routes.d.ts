import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
/** /v1/schedules: recurring tasks by cron expression and time zone. */
declare function scheduleRoutes(params: {
    engine: Engine;
}): (app: FastifyInstance) => Promise<void>;
export { scheduleRoutes };
//# sourceMappingURL=schedule-routes.d.ts.map