import { FlowLimitsListSchema, FlowLimitsResourceSchema, LimitKeyParamsSchema, LimitsBodySchema, toFlowLimitsResource, PauseBodySchema, TaskTypeParamsSchema, TypeControlListSchema, TypeControlResourceSchema } from '@baton/core';
import { parseRequest } from '../parse-request.js';
const toResource = (t) => ({ type: t.type, paused: t.paused, reason: t.reason, updatedAt: new Date(t.updatedAt).toISOString() });
/** /v1/types: pause and resume claiming of a task type across the cluster; /v1/limits: concurrency and rate limits per type and per key. */
function typeRoutes(params) {
    const { engine } = params;
    return async (app) => {
        app.get('/v1/types', { config: { access: 'read', doc: { tag: 'types', summary: 'Task types that were ever paused', response: TypeControlListSchema } } }, async () => ({ items: (await engine.types.list()).map(toResource) }));
        app.post('/v1/types/:type/pause', { config: { access: 'admin', doc: { tag: 'types', summary: 'Stop every agent claiming the type', params: TaskTypeParamsSchema, body: PauseBodySchema, response: TypeControlResourceSchema } } }, async (request) => {
            const { type } = parseRequest({ schema: TaskTypeParamsSchema, value: request.params, part: 'params' });
            const body = parseRequest({ schema: PauseBodySchema, value: request.body ?? {}, part: 'body' });
            return toResource(await engine.types.pause({ taskType: type, reason: body.reason ?? 'paused over HTTP' }));
        });
        app.get('/v1/limits', { config: { access: 'read', doc: { tag: 'types', summary: 'Concurrency and rate limits, per type and per limit key', response: FlowLimitsListSchema } } }, async () => ({
            items: (await engine.limits.list()).map(toFlowLimitsResource),
        }));
        app.put('/v1/limits/types/:type', { config: { access: 'admin', doc: { tag: 'types', summary: 'Set the limits of a task type for the whole cluster (null lifts one)', params: TaskTypeParamsSchema, body: LimitsBodySchema, response: FlowLimitsResourceSchema } } }, async (request) => {
            const { type } = parseRequest({ schema: TaskTypeParamsSchema, value: request.params, part: 'params' });
            const body = parseRequest({ schema: LimitsBodySchema, value: request.body ?? {}, part: 'body' });
            return toFlowLimitsResource(await engine.limits.set({ scope: `type:${type}`, concurrency: body.concurrency ?? null, rate: body.rate ?? null }));
        });
        app.put('/v1/limits/keys/:key', { config: { access: 'admin', doc: { tag: 'types', summary: 'Set the limits shared by the tasks with this limit key (null lifts one)', params: LimitKeyParamsSchema, body: LimitsBodySchema, response: FlowLimitsResourceSchema } } }, async (request) => {
            const { key } = parseRequest({ schema: LimitKeyParamsSchema, value: request.params, part: 'params' });
            const body = parseRequest({ schema: LimitsBodySchema, value: request.body ?? {}, part: 'body' });
            return toFlowLimitsResource(await engine.limits.set({ scope: `key:${key}`, concurrency: body.concurrency ?? null, rate: body.rate ?? null }));
        });
        app.post('/v1/types/:type/resume', { config: { access: 'admin', doc: { tag: 'types', summary: 'Let agents claim the type again', params: TaskTypeParamsSchema, response: TypeControlResourceSchema } } }, async (request) => {
            const { type } = parseRequest({ schema: TaskTypeParamsSchema, value: request.params, part: 'params' });
            return toResource(await engine.types.resume({ taskType: type }));
        });
    };
}
export { typeRoutes };
//# sourceMappingURL=type-routes.js.map