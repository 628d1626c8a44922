import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
/** /api/v1/reminders: the Reminders seed's API, exactly its shapes, on top of `reminder` tasks. */
declare function reminderRoutes(params: {
    engine: Engine;
}): (app: FastifyInstance) => Promise<void>;
export { reminderRoutes };
//# sourceMappingURL=reminder-routes.d.ts.map