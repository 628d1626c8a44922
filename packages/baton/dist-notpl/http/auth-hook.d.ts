import { type TokenScope } from '@baton/core';
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { ApiTokens } from '../auth/api-tokens.js';
import type { RateLimiter } from './rate-limiter.js';
/** What a route needs: a scope, or nothing at all (`public`: the health probes). */
type RouteAccess = TokenScope | 'public';
/** What the API document says of a route: its schemas are the zod schemas the route validates with. */
interface RouteDoc {
    tag: string;
    summary: string;
    params?: z.ZodType;
    query?: z.ZodType;
    body?: z.ZodType;
    response?: z.ZodType;
    /** The success status, 200 by default. */
    status?: number;
    /** For streams: the response's media type (text/event-stream). */
    mediaType?: string;
}
declare module 'fastify' {
    interface FastifyContextConfig {
        access?: RouteAccess;
        doc?: RouteDoc;
    }
}
type AuthMode = {
    mode: 'tokens';
    tokens: ApiTokens;
    limiter: RateLimiter;
} | {
    mode: 'insecure';
};
/**
 * Deny by default: every route needs a bearer token whose scopes include the
 * route's `access` (admin includes all), unless it is marked public. A route
 * that declares nothing is admin-only. `insecure` turns all of it off, for
 * local development only; the CLI says so loudly when it is used.
 */
declare function installAuth(app: FastifyInstance, auth: AuthMode): void;
export { installAuth };
export type { AuthMode, RouteAccess, RouteDoc };
//# sourceMappingURL=auth-hook.d.ts.map