import Fastify, {} from 'fastify';
import { installConnectionDrain } from './connection-drain.js';
import { installAuth } from './auth-hook.js';
import { sendProblem, socketProblem } from './problem.js';
import { createRateLimiter, createWaiterCap } from './rate-limiter.js';
import { eventRoutes } from './routes/event-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { agentProtocolRoutes } from './routes/agent-protocol-routes.js';
import { agentRoutes } from './routes/agent-routes.js';
import { definitionRoutes } from './routes/definition-routes.js';
import { dashboardRoutes } from './routes/dashboard-routes.js';
import { docRoutes } from './routes/doc-routes.js';
import { jobRoutes } from './routes/job-routes.js';
import { reminderRoutes } from './routes/reminder-routes.js';
import { scheduleRoutes } from './routes/schedule-routes.js';
import { historyRoutes } from './routes/history-routes.js';
import { taskRoutes } from './routes/task-routes.js';
import { tokenRoutes } from './routes/token-routes.js';
import { typeRoutes } from './routes/type-routes.js';
/** The HTTP API of one node. Every error, including Fastify's own, leaves as problem+json. */
async function createHttpServer(options) {
    const app = Fastify({
        ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
        bodyLimit: options.bodyLimit ?? 1_048_576,
        // Reject bodies carrying __proto__ or constructor.prototype instead of quietly stripping them.
        onProtoPoisoning: 'error',
        onConstructorPoisoning: 'error',
        routerOptions: { maxParamLength: 200 },
        return503OnClosing: true,
        // Headers over Node's 16 KiB limit, or broken framing: refused by the parser, still answered as problem+json.
        clientErrorHandler: (error, socket) => {
            if (socket.writable)
                socket.end(socketProblem(error));
            else
                socket.destroy();
        },
        // Errors raised by the router itself (a bad URL encoding, a parameter over maxParamLength) leave as problem+json too.
        frameworkErrors: (error, request, reply) => {
            sendProblem({ reply, request, error });
        },
    });
    installConnectionDrain(app);
    // JSON only: anything else is 415, not parsed as text.
    app.removeContentTypeParser('text/plain');
    app.setErrorHandler((error, request, reply) => {
        const sent = sendProblem({ reply, request, error });
        // Client mistakes are answered, not logged as faults; only the server's own failures are.
        if (reply.statusCode >= 500)
            request.log.error({ err: error }, 'request failed');
        return sent;
    });
    // The route table: which routes exist and what each needs (read by the auth tests, and by the API document to come).
    const routeTable = [];
    app.decorate('routeTable', routeTable);
    app.addHook('onRoute', (route) => {
        const methods = Array.isArray(route.method) ? route.method : [route.method];
        for (const method of methods) {
            if (method === 'HEAD')
                continue;
            routeTable.push({ method, url: route.url, access: route.config?.access ?? 'admin', ...(route.config?.doc ? { doc: route.config.doc } : {}) });
        }
    });
    const limiter = createRateLimiter(options.rateLimit ?? { perSecond: 1_000, burst: 2_000 });
    installAuth(app, options.auth === 'insecure' ? { mode: 'insecure' } : { mode: 'tokens', tokens: options.engine.tokens, limiter });
    const waiters = createWaiterCap(options.maxWaiters ?? 1_000);
    app.setNotFoundHandler((request, reply) => sendProblem({ reply, request, error: Object.assign(new Error(`no route ${request.method} ${request.url.split('?')[0]}`), { statusCode: 404 }) }));
    await app.register(healthRoutes({ engine: options.engine }));
    await app.register(taskRoutes({ engine: options.engine, waiters }));
    await app.register(agentRoutes({ engine: options.engine }));
    await app.register(agentProtocolRoutes({ engine: options.engine, waiters }));
    await app.register(eventRoutes({ engine: options.engine, ...(options.maxStreams === undefined ? {} : { maxStreams: options.maxStreams }) }));
    await app.register(tokenRoutes({ engine: options.engine }));
    await app.register(definitionRoutes({ engine: options.engine }));
    await app.register(jobRoutes({ engine: options.engine, waiters }));
    await app.register(reminderRoutes({ engine: options.engine }));
    await app.register(scheduleRoutes({ engine: options.engine }));
    await app.register(historyRoutes({ engine: options.engine }));
    await app.register(docRoutes({ routes: routeTable }));
    await app.register(typeRoutes({ engine: options.engine }));
    if (options.dashboard !== false)
        await app.register(dashboardRoutes(typeof options.dashboard === 'object' ? { folder: options.dashboard.folder } : {}));
    return app;
}
export { createHttpServer };
//# sourceMappingURL=http-server.js.map