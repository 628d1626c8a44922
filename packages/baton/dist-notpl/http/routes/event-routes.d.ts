import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';
/**
 * GET /v1/events: the global log as Server-Sent Events, each a CloudEvents 1.0
 * JSON envelope whose SSE id is the feed cursor. A client that reconnects with
 * Last-Event-ID resumes right after the last event it received: the feed never
 * skips a late commit (ADR 0006), so there is no gap and no duplicate.
 */
declare function eventRoutes(params: {
    engine: Engine;
    source?: string;
    maxStreams?: number;
}): (app: FastifyInstance) => Promise<void>;
export { eventRoutes };
//# sourceMappingURL=event-routes.d.ts.map