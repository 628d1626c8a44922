import { BatonError } from '@baton/core';
/**
 * Deny by default: every route needs a bearer token whose scopes include the
 * route's `access` (admin includes all), unless it is marked public. A route
 * that declares nothing is admin-only. `insecure` turns all of it off, for
 * local development only; the CLI says so loudly when it is used.
 */
function installAuth(app, auth) {
    if (auth.mode === 'insecure')
        return;
    app.addHook('onRequest', async (request, reply) => {
        // No route matched: let the 404 handler answer, it reveals nothing.
        if (!request.routeOptions.url)
            return;
        const access = request.routeOptions.config.access ?? 'admin';
        if (access === 'public')
            return;
        const header = request.headers.authorization;
        const bearer = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : null;
        const token = bearer ? await auth.tokens.verify(bearer) : null;
        if (!token) {
            reply.header('www-authenticate', 'Bearer realm="baton"');
            throw new BatonError({ code: 'UNAUTHENTICATED', message: bearer ? 'the bearer token is not valid (unknown, malformed or revoked)' : 'this route needs a bearer token: Authorization: Bearer bat_…' });
        }
        const waitMs = auth.limiter.take(token.id);
        if (waitMs > 0) {
            reply.header('retry-after', String(Math.max(1, Math.ceil(waitMs / 1_000))));
            throw new BatonError({ code: 'RATE_LIMITED', message: `too many requests with this token; try again in ${waitMs} ms` });
        }
        if (!token.scopes.includes('admin') && !token.scopes.includes(access)) {
            throw new BatonError({ code: 'FORBIDDEN', message: `this route needs the "${access}" scope; the token has ${token.scopes.join(', ')}` });
        }
    });
}
export { installAuth };
//# sourceMappingURL=auth-hook.js.map