import { AwaitTaskQuerySchema, CancelBodySchema, ListTasksQuerySchema, RetryBodySchema, SubmitBatchBodySchema, TaskIdParamsSchema, TaskResourceSchema, SubmitResponseSchema, SubmitBatchResponseSchema, TaskListResponseSchema, AwaitResponseSchema, SubmitTaskBodySchema, TaskExplanationSchema, toTaskResource, } from '@baton/core';
import { z } from 'zod';
import { parseRequest } from '../parse-request.js';
import { traceFromHeaders } from '../trace-headers.js';
import { capped } from '../long-poll-cap.js';
const IdempotencyHeaderSchema = z.string().min(1).max(200).optional();
/** /v1/tasks: submit (one or a batch), get, list, cancel, retry, await. */
function taskRoutes(params) {
    const { engine, waiters } = params;
    return async (app) => {
        app.post('/v1/tasks', { config: { access: 'submit', doc: { tag: 'tasks', summary: 'Submit a task', body: SubmitTaskBodySchema, response: SubmitResponseSchema, status: 201 } } }, async (request, reply) => {
            const header = parseRequest({ schema: IdempotencyHeaderSchema, value: request.headers['idempotency-key'], part: 'headers' });
            const body = request.body;
            // The header is the conventional place for the key; a key in the body wins when both are given.
            const input = header && isObject(body) && body.idempotencyKey === undefined ? { ...body, idempotencyKey: header } : body;
            const { task, created, warnings } = await engine.tasks.submit(input, { trace: traceFromHeaders(request.headers) });
            reply.code(created ? 201 : 200);
            return { task: toTaskResource(task), created, ...(warnings ? { warnings } : {}) };
        });
        app.post('/v1/tasks/batch', { config: { access: 'submit', doc: { tag: 'tasks', summary: 'Submit up to 1,000 tasks in one transaction', body: SubmitBatchBodySchema, response: SubmitBatchResponseSchema, status: 201 } } }, async (request, reply) => {
            const body = parseRequest({ schema: SubmitBatchBodySchema, value: request.body, part: 'body' });
            const results = await engine.tasks.submitMany({ tasks: body.tasks, trace: traceFromHeaders(request.headers) });
            reply.code(results.some((r) => r.created) ? 201 : 200);
            return { results: results.map((r) => ({ task: toTaskResource(r.task), created: r.created, ...(r.warnings ? { warnings: r.warnings } : {}) })) };
        });
        app.get('/v1/tasks', { config: { access: 'read', doc: { tag: 'tasks', summary: 'List tasks, newest first', query: ListTasksQuerySchema, response: TaskListResponseSchema } } }, async (request) => {
            const query = parseRequest({ schema: ListTasksQuerySchema, value: request.query, part: 'query' });
            const page = await engine.tasks.list({
                filter: {
                    states: query.state,
                    types: query.type,
                    ...(query.agent ? { agentId: query.agent } : {}),
                    ...(query.submittedAfter ? { submittedAfter: Date.parse(query.submittedAfter) } : {}),
                    ...(query.submittedBefore ? { submittedBefore: Date.parse(query.submittedBefore) } : {}),
                    ...(query.idempotencyKey ? { idempotencyKeyPrefix: query.idempotencyKey } : {}),
                },
                order: query.order,
                limit: query.limit,
                cursor: query.cursor ?? null,
            });
            return { items: page.items.map(toTaskResource), nextCursor: page.nextCursor };
        });
        app.get('/v1/tasks/:id', { config: { access: 'read', doc: { tag: 'tasks', summary: 'Get one task', params: TaskIdParamsSchema, response: TaskResourceSchema } } }, async (request) => {
            const { id } = parseRequest({ schema: TaskIdParamsSchema, value: request.params, part: 'params' });
            const task = await engine.tasks.get({ taskId: id });
            const first = (await engine.tasks.explain({ taskId: id })).reasons[0];
            return { ...toTaskResource(task), waiting: first ? { reason: first.code, message: first.message } : null };
        });
        app.get('/v1/tasks/:id/explain', { config: { access: 'read', doc: { tag: 'tasks', summary: 'Why a task is not running: every reason, from the live state', params: TaskIdParamsSchema, response: TaskExplanationSchema } } }, async (request) => {
            const { id } = parseRequest({ schema: TaskIdParamsSchema, value: request.params, part: 'params' });
            return engine.tasks.explain({ taskId: id });
        });
        app.post('/v1/tasks/:id/cancel', { config: { access: 'submit', doc: { tag: 'tasks', summary: 'Cancel a task (a running one is asked to stop)', params: TaskIdParamsSchema, body: CancelBodySchema, response: TaskResourceSchema } } }, async (request) => {
            const { id } = parseRequest({ schema: TaskIdParamsSchema, value: request.params, part: 'params' });
            const body = parseRequest({ schema: CancelBodySchema, value: request.body, part: 'body' });
            return toTaskResource(await engine.tasks.cancel({ taskId: id, reason: body.reason ?? 'cancelled over HTTP' }));
        });
        app.post('/v1/tasks/:id/retry', { config: { access: 'submit', doc: { tag: 'tasks', summary: 'Give a failed or cancelled task more attempts', params: TaskIdParamsSchema, body: RetryBodySchema, response: TaskResourceSchema } } }, async (request) => {
            const { id } = parseRequest({ schema: TaskIdParamsSchema, value: request.params, part: 'params' });
            const body = parseRequest({ schema: RetryBodySchema, value: request.body ?? {}, part: 'body' });
            return toTaskResource(await engine.tasks.retry({ taskId: id, attempts: body.attempts, reason: body.reason ?? 'retried over HTTP' }));
        });
        app.get('/v1/tasks/:id/await', { config: { access: 'read', doc: { tag: 'tasks', summary: 'Long-poll until the task ends or the wait passes', params: TaskIdParamsSchema, query: AwaitTaskQuerySchema, response: AwaitResponseSchema } } }, async (request) => {
            const { id } = parseRequest({ schema: TaskIdParamsSchema, value: request.params, part: 'params' });
            const { wait } = parseRequest({ schema: AwaitTaskQuerySchema, value: request.query, part: 'query' });
            const { done, task } = await capped(waiters, wait > 0, () => engine.tasks.await({ taskId: id, timeoutMs: wait }));
            return { done, task: toTaskResource(task) };
        });
    };
}
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
export { taskRoutes };
//# sourceMappingURL=task-routes.js.map