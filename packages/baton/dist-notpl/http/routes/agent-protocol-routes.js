import { AgentPathSchema, AgentTaskPathSchema, CancelWatchBodySchema, ClaimBodySchema, ConfirmCancelBodySchema, FailBodySchema, HeartbeatBodySchema, ProgressBodySchema, RegisterAgentBodySchema, RegisterAgentResponseSchema, ClaimResponseSchema, HeartbeatResponseSchema, CancelWatchResponseSchema, ReleaseBodySchema, ReportsBodySchema, ReportsResponseSchema, StopAgentBodySchema, BatonError, SucceedBodySchema, } from '@baton/core';
import { parseRequest } from '../parse-request.js';
import { toProblem } from '../problem.js';
import { capped } from '../long-poll-cap.js';
/**
 * Aborts when the client goes away, so a long-poll stops waiting for nobody.
 * The response's 'close' (not the request's, which fires once the body is read)
 * is the connection ending before the answer was sent.
 */
function disconnectSignal(reply) {
    const controller = new AbortController();
    reply.raw.once('close', () => controller.abort());
    return controller.signal;
}
/**
 * The remote agent protocol (/v1/agents/:agentId/…): register, claim with a
 * long-poll, heartbeat, a long-poll for cancel requests, and the fenced reports.
 * An agent needs only this and a token: no database credentials.
 */
function agentProtocolRoutes(params) {
    const { engine, waiters } = params;
    const agentOf = (request) => parseRequest({ schema: AgentPathSchema, value: request.params, part: 'params' }).agentId;
    const reportOf = (request) => parseRequest({ schema: AgentTaskPathSchema, value: request.params, part: 'params' });
    const applyReport = (report) => report.outcome === 'succeed'
        ? engine.work.succeed({ taskId: report.taskId, token: report.token, result: report.result ?? null })
        : engine.work.fail({ taskId: report.taskId, token: report.token, error: report.error, retryable: report.retryable, ...(report.retryAfterMs === undefined ? {} : { retryAfterMs: report.retryAfterMs }) });
    return async (app) => {
        app.put('/v1/agents/:agentId', { config: { access: 'agent', doc: { tag: 'agent protocol', summary: 'Register (or re-register) an agent', params: AgentPathSchema, body: RegisterAgentBodySchema, response: RegisterAgentResponseSchema } } }, async (request) => {
            const agentId = agentOf(request);
            const body = parseRequest({ schema: RegisterAgentBodySchema, value: request.body, part: 'body' });
            await engine.work.register({ agent: { agentId, host: body.host, labels: body.labels, types: body.types, concurrency: body.concurrency } });
            return { leaseMs: engine.work.leaseMs, heartbeatMs: Math.floor(engine.work.leaseMs / 3) };
        });
        app.post('/v1/agents/:agentId/claim', { config: { access: 'agent', doc: { tag: 'agent protocol', summary: 'Claim ready tasks, long-polling up to waitMs', params: AgentPathSchema, body: ClaimBodySchema, response: ClaimResponseSchema } } }, async (request, reply) => {
            const agentId = agentOf(request);
            const body = parseRequest({ schema: ClaimBodySchema, value: request.body, part: 'body' });
            const tasks = await capped(waiters, body.waitMs > 0, () => engine.work.claimOrWait({ agentId, types: body.types, limit: body.limit, waitMs: body.waitMs, signal: disconnectSignal(reply) }));
            return { tasks };
        });
        app.post('/v1/agents/:agentId/heartbeat', { config: { access: 'agent', doc: { tag: 'agent protocol', summary: 'Extend leases; learn of lost claims and cancel requests', params: AgentPathSchema, body: HeartbeatBodySchema, response: HeartbeatResponseSchema } } }, async (request) => {
            const agentId = agentOf(request);
            const body = parseRequest({ schema: HeartbeatBodySchema, value: request.body, part: 'body' });
            return { renewals: await engine.work.heartbeat({ agentId, leases: body.leases }) };
        });
        app.post('/v1/agents/:agentId/cancels', { config: { access: 'agent', doc: { tag: 'agent protocol', summary: 'Long-poll for cancel requests of held tasks', params: AgentPathSchema, body: CancelWatchBodySchema, response: CancelWatchResponseSchema } } }, async (request, reply) => {
            const agentId = agentOf(request);
            const body = parseRequest({ schema: CancelWatchBodySchema, value: request.body ?? {}, part: 'body' });
            const gone = disconnectSignal(reply);
            return capped(waiters, body.waitMs > 0, () => new Promise((resolve, reject) => {
                let finished = false;
                const finish = (taskIds) => {
                    if (finished)
                        return;
                    finished = true;
                    clearTimeout(timer);
                    unsubscribe();
                    gone.removeEventListener('abort', onGone);
                    resolve({ taskIds });
                };
                const onGone = () => finish([]);
                const timer = setTimeout(() => finish([]), body.waitMs);
                const unsubscribe = engine.work.onCancelRequested((task) => {
                    if (task.agentId === agentId)
                        finish([task.id]);
                });
                gone.addEventListener('abort', onGone, { once: true });
                // A request made before this watch began is found in the store, not lost.
                engine.work.pendingCancels({ agentId }).then((taskIds) => taskIds.length && finish(taskIds), (error) => {
                    if (finished)
                        return;
                    finished = true;
                    clearTimeout(timer);
                    unsubscribe();
                    reject(error);
                });
            }));
        });
        app.post('/v1/agents/:agentId/tasks/:taskId/succeed', { config: { access: 'agent', doc: { tag: 'agent protocol', summary: 'Report success (fenced by the token)', params: AgentTaskPathSchema, body: SucceedBodySchema } } }, async (request) => {
            const { taskId } = reportOf(request);
            const body = parseRequest({ schema: SucceedBodySchema, value: request.body, part: 'body' });
            await engine.work.succeed({ taskId, token: body.token, result: body.result ?? null });
            return { ok: true };
        });
        app.post('/v1/agents/:agentId/tasks/:taskId/fail', { config: { access: 'agent', doc: { tag: 'agent protocol', summary: 'Report a failed attempt (fenced)', params: AgentTaskPathSchema, body: FailBodySchema } } }, async (request) => {
            const { taskId } = reportOf(request);
            const body = parseRequest({ schema: FailBodySchema, value: request.body, part: 'body' });
            await engine.work.fail({ taskId, token: body.token, error: body.error, retryable: body.retryable, ...(body.retryAfterMs === undefined ? {} : { retryAfterMs: body.retryAfterMs }) });
            return { ok: true };
        });
        app.post('/v1/agents/:agentId/tasks/:taskId/release', { config: { access: 'agent', doc: { tag: 'agent protocol', summary: 'Give a claim back without spending the attempt (fenced)', params: AgentTaskPathSchema, body: ReleaseBodySchema } } }, async (request) => {
            const { taskId } = reportOf(request);
            const body = parseRequest({ schema: ReleaseBodySchema, value: request.body, part: 'body' });
            await engine.work.release({ taskId, token: body.token, reason: body.reason });
            return { ok: true };
        });
        app.post('/v1/agents/:agentId/tasks/:taskId/progress', { config: { access: 'agent', doc: { tag: 'agent protocol', summary: 'Report progress (fenced)', params: AgentTaskPathSchema, body: ProgressBodySchema } } }, async (request) => {
            const { taskId } = reportOf(request);
            const body = parseRequest({ schema: ProgressBodySchema, value: request.body, part: 'body' });
            await engine.work.progress({ taskId, token: body.token, progress: body.progress ?? null });
            return { ok: true };
        });
        app.post('/v1/agents/:agentId/tasks/:taskId/confirm-cancel', { config: { access: 'agent', doc: { tag: 'agent protocol', summary: 'Confirm a requested cancel (fenced)', params: AgentTaskPathSchema, body: ConfirmCancelBodySchema } } }, async (request) => {
            const { taskId } = reportOf(request);
            const body = parseRequest({ schema: ConfirmCancelBodySchema, value: request.body, part: 'body' });
            await engine.work.confirmCancel({ taskId, token: body.token });
            return { ok: true };
        });
        app.post('/v1/agents/:agentId/reports', { config: { access: 'agent', doc: { tag: 'agent protocol', summary: 'Report many ended tasks at once (each fenced, each answered)', params: AgentPathSchema, body: ReportsBodySchema, response: ReportsResponseSchema } } }, async (request) => {
            agentOf(request);
            const { reports } = parseRequest({ schema: ReportsBodySchema, value: request.body, part: 'body' });
            // All at once: the store commits reports that arrive together as one (a statement on PostgreSQL, a transaction on SQLite).
            const results = await Promise.all(reports.map((report) => applyReport(report).then(() => ({ taskId: report.taskId, ok: true }), (error) => {
                // A refusal belongs to its report; anything else (the database gone) fails the request, and the agent tries again.
                if (!(error instanceof BatonError))
                    throw error;
                return { taskId: report.taskId, ok: false, problem: toProblem({ error, instance: request.url }) };
            })));
            return { results };
        });
        app.post('/v1/agents/:agentId/stop', { config: { access: 'agent', doc: { tag: 'agent protocol', summary: 'Say goodbye (AgentStopped)', params: AgentPathSchema, body: StopAgentBodySchema } } }, async (request) => {
            const agentId = agentOf(request);
            const body = parseRequest({ schema: StopAgentBodySchema, value: request.body ?? {}, part: 'body' });
            await engine.work.unregister({ agentId, reason: body.reason });
            return { ok: true };
        });
    };
}
export { agentProtocolRoutes };
//# sourceMappingURL=agent-protocol-routes.js.map