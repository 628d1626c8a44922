import { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.js';
import { type RouteAccess, type RouteDoc } from './auth-hook.js';
/** One route of the API: its method, path and the access it needs. */
interface RouteEntry {
    method: string;
    url: string;
    access: RouteAccess;
    doc?: RouteDoc;
}
declare module 'fastify' {
    interface FastifyInstance {
        routeTable: readonly RouteEntry[];
    }
}
interface HttpServerOptions {
    engine: Engine;
    /** A pino logger; none when absent. */
    logger?: FastifyBaseLogger;
    /** Largest request body in bytes (1 MiB by default); larger ones get 413. */
    bodyLimit?: number;
    /** Bearer tokens with scopes (the default), or `insecure`: no checks at all, for local development only. */
    auth?: 'tokens' | 'insecure';
    /** Requests per second per token, sustained and in a burst (1,000 and 2,000 by default); over it: 429. */
    rateLimit?: {
        perSecond: number;
        burst: number;
    };
    /** Long-polls (claims, cancel watches, awaits) this node holds open at once (1,000 by default); over it: 503. */
    maxWaiters?: number;
    /** Event streams (GET /v1/events) this node holds open at once (200 by default); over it: 503. */
    maxStreams?: number;
    /** The dashboard at `/` (on by default); `false` leaves it out, a folder serves that build of it. */
    dashboard?: boolean | {
        folder: string | null;
    };
}
/** The HTTP API of one node. Every error, including Fastify's own, leaves as problem+json. */
declare function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance>;
export { createHttpServer };
export type { HttpServerOptions, RouteEntry };
//# sourceMappingURL=http-server.d.ts.map