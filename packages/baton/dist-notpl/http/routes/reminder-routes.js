import { BatonError, DefineReminderBodySchema, MAX_DELAY_MS, REMINDER_EVENT_NAMES, ReminderIdParamsSchema, ReminderResponseSchema, toReminderResponse, } from '@baton/core';
import { z } from 'zod';
import { parseRequest } from '../parse-request.js';
const ReminderHistorySchema = z.object({
    id: z.string(),
    items: z.array(z.object({ type: z.string(), at: z.string(), version: z.number().int(), data: z.unknown() })),
});
/** /api/v1/reminders: the Reminders seed's API, exactly its shapes, on top of `reminder` tasks. */
function reminderRoutes(params) {
    const { engine } = params;
    async function load(id) {
        const task = await engine.tasks.get({ taskId: id }).catch(() => null);
        if (!task || task.type !== 'reminder')
            throw new BatonError({ code: 'REMINDER_NOT_FOUND', message: `reminder ${id} does not exist` });
        return task;
    }
    return async (app) => {
        app.post('/api/v1/reminders', { config: { access: 'submit', doc: { tag: 'reminders', summary: 'Define a reminder: when its timer elapses, its address is called back', body: DefineReminderBodySchema, response: ReminderResponseSchema } } }, async (request) => {
            const body = parseRequest({ schema: DefineReminderBodySchema, value: request.body, part: 'body' });
            if (!engine.definitions.get('reminder')) {
                throw new BatonError({ code: 'NOT_IMPLEMENTED', message: 'reminders need callbacks, which this node runs without' });
            }
            const timerMs = ((body.hours * 60 + body.minutes) * 60 + body.seconds) * 1_000;
            if (body.at !== undefined && timerMs > 0) {
                throw new BatonError({ code: 'VALIDATION_FAILED', message: 'at: give a timer (hours, minutes, seconds) or an absolute time, not both', issues: [{ path: 'at', rule: 'exclusive', message: 'give a timer or at, not both' }] });
            }
            const timer = Math.round(timerMs);
            // A timer counts from the database's clock (a delay), not this node's, which may be off; only a timer past the longest delay is fixed on this node's clock.
            const when = body.at !== undefined ? { runAt: Date.parse(body.at) } : timer <= MAX_DELAY_MS ? { delayMs: timer } : { runAt: Date.now() + timer };
            const { task } = await engine.tasks.submit({ type: 'reminder', payload: { address: body.address, ...(body.body === undefined ? {} : { body: body.body }) }, ...when });
            return toReminderResponse(task, Date.now());
        });
        app.get('/api/v1/reminders/:id', { config: { access: 'read', doc: { tag: 'reminders', summary: 'A reminder: Active, Completed or Failed, and the seconds left', params: ReminderIdParamsSchema, response: ReminderResponseSchema } } }, async (request) => {
            const { id } = parseRequest({ schema: ReminderIdParamsSchema, value: request.params, part: 'params' });
            return toReminderResponse(await load(id), Date.now());
        });
        app.get('/api/v1/reminders/:id/events', { config: { access: 'read', doc: { tag: 'reminders', summary: "A reminder's whole life: ReminderDefined, each attempt, ReminderCompleted or ReminderFailed", params: ReminderIdParamsSchema, response: ReminderHistorySchema } } }, async (request) => {
            const { id } = parseRequest({ schema: ReminderIdParamsSchema, value: request.params, part: 'params' });
            await load(id);
            const events = await engine.events.readStream({ streamId: id });
            return { id, items: events.map((e) => ({ type: REMINDER_EVENT_NAMES[e.type] ?? e.type, at: new Date(e.time).toISOString(), version: e.version, data: e.data })) };
        });
    };
}
export { reminderRoutes };
//# sourceMappingURL=reminder-routes.js.map