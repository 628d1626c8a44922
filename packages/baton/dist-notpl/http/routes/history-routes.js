import { HistoryParamsSchema, HistoryQuerySchema, HistoryResponseSchema } from '@baton/core';
import { parseRequest } from '../parse-request.js';
/** /v1/history/:id: the ordered history of a task, job, agent, reminder or schedule, and its state as of a past point. */
function historyRoutes(params) {
    const { engine } = params;
    return async (app) => {
        app.get('/v1/history/:id', { config: { access: 'read', doc: { tag: 'events', summary: 'The history of a task, job, agent, reminder or schedule; ?asOf= (a time or event number) folds the log up to there', params: HistoryParamsSchema, query: HistoryQuerySchema, response: HistoryResponseSchema } } }, async (request) => {
            const { id } = parseRequest({ schema: HistoryParamsSchema, value: request.params, part: 'params' });
            const { asOf, after, limit } = parseRequest({ schema: HistoryQuerySchema, value: request.query, part: 'query' });
            const at = asOf === undefined ? undefined : /^\d+$/.test(asOf) ? { seq: Number(asOf) } : { time: Date.parse(asOf) };
            const history = await engine.events.history({ id, ...(at ? { asOf: at } : {}), ...(after === undefined ? {} : { after }), ...(limit === undefined ? {} : { limit }) });
            return { ...history, events: history.events.map((e) => ({ seq: e.seq, version: e.version, type: e.type, time: new Date(e.time).toISOString(), data: e.data })) };
        });
    };
}
export { historyRoutes };
//# sourceMappingURL=history-routes.js.map