import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Engine } from '../engine/engine.js';
import { sendProblem } from './problem.js';
import { eventRoutes } from './routes/event-routes.js';
import { healthRoutes } from './routes/health-routes.js';
import { agentProtocolRoutes } from './routes/agent-protocol-routes.js';
import { agentRoutes } from './routes/agent-routes.js';
import { taskRoutes } from './routes/task-routes.js';
import { typeRoutes } from './routes/type-routes.js';

interface HttpServerOptions {
  engine: Engine;
  /** A pino logger; none when absent. */
  logger?: FastifyBaseLogger;
  /** Largest request body in bytes (1 MiB by default); larger ones get 413. */
  bodyLimit?: number;
}

/** The HTTP API of one node. Every error, including Fastify's own, leaves as problem+json. */
async function createHttpServer(options: HttpServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    bodyLimit: options.bodyLimit ?? 1_048_576,
    // Reject bodies carrying __proto__ or constructor.prototype instead of quietly stripping them.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    routerOptions: { maxParamLength: 200 },
    return503OnClosing: true,
  });
  // JSON only: anything else is 415, not parsed as text.
  app.removeContentTypeParser('text/plain');
  app.setErrorHandler((error, request, reply) => {
    const sent = sendProblem({ reply, request, error });
    // Client mistakes are answered, not logged as faults; only the server's own failures are.
    if (reply.statusCode >= 500) request.log.error({ err: error }, 'request failed');
    return sent;
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem({ reply, request, error: Object.assign(new Error(`no route ${request.method} ${request.url.split('?')[0]}`), { statusCode: 404 }) }),
  );
  await app.register(healthRoutes({ engine: options.engine }));
  await app.register(taskRoutes({ engine: options.engine }));
  await app.register(agentRoutes({ engine: options.engine }));
  await app.register(agentProtocolRoutes({ engine: options.engine }));
  await app.register(eventRoutes({ engine: options.engine }));
  await app.register(typeRoutes({ engine: options.engine }));
  return app;
}

export { createHttpServer };
export type { HttpServerOptions };
