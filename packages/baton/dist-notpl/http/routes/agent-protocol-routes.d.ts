import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
import type { WaiterCap } from '../rate-limiter.js';
/**
 * The remote agent protocol (/v1/agents/:agentId/…): register, claim with a
 * long-poll, heartbeat, a long-poll for cancel requests, and the fenced reports.
 * An agent needs only this and a token: no database credentials.
 */
declare function agentProtocolRoutes(params: {
    engine: Engine;
    waiters: WaiterCap;
}): (app: FastifyInstance) => Promise<void>;
export { agentProtocolRoutes };
//# sourceMappingURL=agent-protocol-routes.d.ts.map