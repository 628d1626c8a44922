import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import type { WaiterCap } from '../rate-limiter.js';
/** /v1/jobs (submit a graph of tasks, get it with each task's state, list, cancel, await), /v1/workflows and /v1/triggers. */
declare function jobRoutes(params: {
    engine: Engine;
    waiters: WaiterCap;
}): (app: FastifyInstance) => Promise<void>;
export { jobRoutes };
//# sourceMappingURL=job-routes.d.ts.map