import { BatonError } from '@baton/core';
import type { FastifyInstance } from 'fastify';
import type { Engine } from '../../engine/engine.js';

const READY_DEADLINE_MS = 2_000;

/** Liveness (/healthz: the process answers) and readiness (/readyz: it can claim and commit now). No credentials needed. */
function healthRoutes(params: { engine: Engine }) {
  return async (app: FastifyInstance): Promise<void> => {
    app.get('/healthz', { config: { access: 'public', doc: { tag: 'health', summary: 'Liveness: the process answers' } } }, async () => ({ status: 'ok' }));
    app.get('/readyz', { config: { access: 'public', doc: { tag: 'health', summary: 'Readiness: this node can claim and commit now' } } }, async (request) => {
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer from the database within ${READY_DEADLINE_MS} ms`)), READY_DEADLINE_MS);
      });
      try {
        await Promise.race([params.engine.checkReady(), deadline]);
      } catch (error) {
        // The cause stays in the log: an unauthenticated probe is not told the database's address.
        request.log.warn({ err: error }, 'readiness check failed');
        throw new BatonError({ code: 'NOT_READY', message: 'this node cannot claim or commit now: the database is unreachable or read-only' });
      } finally {
        clearTimeout(timer);
      }
      return { status: 'ready', leader: params.engine.isLeader() };
    });
  };
}

export { healthRoutes };
