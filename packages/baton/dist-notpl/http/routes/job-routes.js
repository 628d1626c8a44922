import { AwaitTaskQuerySchema, CancelBodySchema, JobAwaitResponseSchema, JobIdParamsSchema, JobListResponseSchema, JobResponseSchema, ListJobsQuerySchema, SubmitJobBodySchema, TriggerBodySchema, TriggerParamsSchema, WorkflowListResponseSchema, toJobResource, toJobSummary, } from '@baton/core';
import { capped } from '../long-poll-cap.js';
import { parseRequest } from '../parse-request.js';
import { traceFromHeaders } from '../trace-headers.js';
/** /v1/jobs (submit a graph of tasks, get it with each task's state, list, cancel, await), /v1/workflows and /v1/triggers. */
function jobRoutes(params) {
    const { engine, waiters } = params;
    return async (app) => {
        app.post('/v1/jobs', { config: { access: 'submit', doc: { tag: 'jobs', summary: 'Submit a job: a graph of tasks, in one transaction', body: SubmitJobBodySchema, response: JobResponseSchema, status: 201 } } }, async (request, reply) => {
            const { job, tasks, warnings } = await engine.jobs.submit(request.body, { trace: traceFromHeaders(request.headers) });
            reply.code(201);
            return { job: toJobResource(job, tasks), ...(warnings.length ? { warnings } : {}) };
        });
        app.get('/v1/jobs', { config: { access: 'read', doc: { tag: 'jobs', summary: 'List jobs, newest first', query: ListJobsQuerySchema, response: JobListResponseSchema } } }, async (request) => {
            const query = parseRequest({ schema: ListJobsQuerySchema, value: request.query, part: 'query' });
            const page = await engine.jobs.list({ ...(query.state ? { states: query.state } : {}), limit: query.limit, cursor: query.cursor ?? null });
            return { items: page.items.map(toJobSummary), nextCursor: page.nextCursor };
        });
        app.get('/v1/jobs/:id', { config: { access: 'read', doc: { tag: 'jobs', summary: "Get a job with its graph and each task's state", params: JobIdParamsSchema, response: JobResponseSchema } } }, async (request) => {
            const { id } = parseRequest({ schema: JobIdParamsSchema, value: request.params, part: 'params' });
            const { job, tasks } = await engine.jobs.get(id);
            return { job: toJobResource(job, tasks) };
        });
        app.post('/v1/jobs/:id/cancel', { config: { access: 'submit', doc: { tag: 'jobs', summary: 'Cancel a job: its running tasks are asked to stop, the rest are cancelled', params: JobIdParamsSchema, body: CancelBodySchema, response: JobResponseSchema } } }, async (request) => {
            const { id } = parseRequest({ schema: JobIdParamsSchema, value: request.params, part: 'params' });
            const body = parseRequest({ schema: CancelBodySchema, value: request.body ?? {}, part: 'body' });
            const { job, tasks } = await engine.jobs.cancel({ jobId: id, reason: body.reason ?? 'cancelled over HTTP' });
            return { job: toJobResource(job, tasks) };
        });
        app.get('/v1/workflows', { config: { access: 'read', doc: { tag: 'jobs', summary: 'The workflows this node loaded, with the events that start them', response: WorkflowListResponseSchema } } }, async () => ({
            items: engine.workflows.list().map((w) => ({ name: w.name, on: w.on, description: w.description, failurePolicy: w.failurePolicy, file: w.file, steps: w.steps })),
        }));
        app.post('/v1/triggers/:event', { config: { access: 'submit', doc: { tag: 'jobs', summary: 'Fire a named event: the workflow it triggers starts one job', params: TriggerParamsSchema, body: TriggerBodySchema, response: JobResponseSchema, status: 201 } } }, async (request, reply) => {
            const { event } = parseRequest({ schema: TriggerParamsSchema, value: request.params, part: 'params' });
            const body = parseRequest({ schema: TriggerBodySchema, value: request.body ?? {}, part: 'body' });
            const { job, tasks, warnings } = await engine.workflows.trigger({ event, payload: body.payload ?? null });
            reply.code(201);
            return { job: toJobResource(job, tasks), ...(warnings.length ? { warnings } : {}) };
        });
        app.get('/v1/jobs/:id/await', { config: { access: 'read', doc: { tag: 'jobs', summary: 'Long-poll until the job ends or the wait passes', params: JobIdParamsSchema, query: AwaitTaskQuerySchema, response: JobAwaitResponseSchema } } }, async (request) => {
            const { id } = parseRequest({ schema: JobIdParamsSchema, value: request.params, part: 'params' });
            const { wait } = parseRequest({ schema: AwaitTaskQuerySchema, value: request.query, part: 'query' });
            const { done, job, tasks } = await capped(waiters, wait > 0, () => engine.jobs.await({ jobId: id, timeoutMs: wait }));
            return { done, job: toJobResource(job, tasks) };
        });
    };
}
export { jobRoutes };
//# sourceMappingURL=job-routes.js.map