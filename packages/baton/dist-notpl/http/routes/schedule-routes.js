import { DefineScheduleBodySchema, ScheduleListSchema, ScheduleNameParamsSchema, ScheduleResourceSchema, toScheduleResource } from '@baton/core';
import { parseRequest } from '../parse-request.js';
/** /v1/schedules: recurring tasks by cron expression and time zone. */
function scheduleRoutes(params) {
    const { engine } = params;
    const show = (s) => toScheduleResource(s, engine.schedules.nextTick(s));
    const nameOf = (value) => parseRequest({ schema: ScheduleNameParamsSchema, value, part: 'params' }).name;
    return async (app) => {
        app.post('/v1/schedules', { config: { access: 'submit', doc: { tag: 'schedules', summary: 'Define a schedule, or change the one with that name', body: DefineScheduleBodySchema, response: ScheduleResourceSchema, status: 201 } } }, async (request, reply) => {
            reply.code(201);
            return show(await engine.schedules.define(request.body));
        });
        app.get('/v1/schedules', { config: { access: 'read', doc: { tag: 'schedules', summary: 'Every schedule, with its last and next tick', response: ScheduleListSchema } } }, async () => ({
            items: (await engine.schedules.list()).map(show),
        }));
        app.get('/v1/schedules/:name', { config: { access: 'read', doc: { tag: 'schedules', summary: 'One schedule', params: ScheduleNameParamsSchema, response: ScheduleResourceSchema } } }, async (request) => show(await engine.schedules.get(nameOf(request.params))));
        app.post('/v1/schedules/:name/pause', { config: { access: 'submit', doc: { tag: 'schedules', summary: 'Stop firing the schedule until resumed', params: ScheduleNameParamsSchema, response: ScheduleResourceSchema } } }, async (request) => show(await engine.schedules.pause(nameOf(request.params))));
        app.post('/v1/schedules/:name/resume', { config: { access: 'submit', doc: { tag: 'schedules', summary: 'Fire the schedule again (missed ticks per its policy)', params: ScheduleNameParamsSchema, response: ScheduleResourceSchema } } }, async (request) => show(await engine.schedules.resume(nameOf(request.params))));
        app.delete('/v1/schedules/:name', { config: { access: 'submit', doc: { tag: 'schedules', summary: 'Remove the schedule; its history stays in the log', params: ScheduleNameParamsSchema, response: ScheduleResourceSchema } } }, async (request) => show(await engine.schedules.remove(nameOf(request.params))));
    };
}
export { scheduleRoutes };
//# sourceMappingURL=schedule-routes.js.map