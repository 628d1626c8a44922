import { BatonError, StatsResponseSchema } from '@baton/core';
const READY_DEADLINE_MS = 2_000;
/**
 * Liveness (/healthz: the process answers) and readiness (/readyz: it can
 * claim and commit now), with no credentials; Prometheus metrics (/metrics)
 * for a token with the read scope, since task types and counts are the
 * operator's business.
 */
function healthRoutes(params) {
    return async (app) => {
        app.get('/healthz', { config: { access: 'public', doc: { tag: 'health', summary: 'Liveness: the process answers' } } }, async () => ({ status: 'ok' }));
        app.get('/readyz', { config: { access: 'public', doc: { tag: 'health', summary: 'Readiness: this node can claim and commit now' } } }, async (request) => {
            let timer;
            const deadline = new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error(`no answer from the database within ${READY_DEADLINE_MS} ms`)), READY_DEADLINE_MS);
            });
            try {
                await Promise.race([params.engine.checkReady(), deadline]);
            }
            catch (error) {
                // The cause stays in the log: an unauthenticated probe is not told the database's address.
                request.log.warn({ err: error }, 'readiness check failed');
                throw new BatonError({ code: 'NOT_READY', message: 'this node cannot claim or commit now: the database is unreachable or read-only' });
            }
            finally {
                clearTimeout(timer);
            }
            return { status: 'ready', leader: params.engine.isLeader() };
        });
        app.get('/metrics', { config: { access: 'read', doc: { tag: 'health', summary: 'Prometheus metrics: tasks by state and type, claim waits, run durations, retries, lease rescues, live agents, the log head and event-stream lag', mediaType: 'text/plain' } } }, async (_request, reply) => {
            const registry = params.engine.metrics;
            const text = await registry.metrics();
            return reply.type(registry.contentType).send(text);
        });
        app.get('/v1/stats', { config: { access: 'read', doc: { tag: 'health', summary: 'Tasks by state and type, the log head and agents by liveness, read now (what the dashboard overview draws)', response: StatsResponseSchema } } }, async () => {
            const stats = await params.engine.tasks.stats();
            return { ...stats, at: new Date(stats.at).toISOString() };
        });
    };
}
export { healthRoutes };
//# sourceMappingURL=health-routes.js.map