import type { FastifyInstance } from 'fastify';

/** Liveness: the process answers. Needs no credentials. */
async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', async () => ({ status: 'ok' }));
}

export { healthRoutes };
