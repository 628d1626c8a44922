import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import type { WaiterCap } from '../rate-limiter.js';
/** /v1/tasks: submit (one or a batch), get, list, cancel, retry, await. */
declare function taskRoutes(params: {
    engine: Engine;
    waiters: WaiterCap;
}): (app: FastifyInstance) => Promise<void>;
export { taskRoutes };
//# sourceMappingURL=task-routes.d.ts.map