import { BatonError, DefineScheduleBodySchema, } from '@baton/core';
import { parseOrThrow, prepareSubmission } from '../engine/submission.js';
import { checkCron, nextTick } from './cron-ticks.js';
import { createScheduleRunner } from './schedule-runner.js';
/**
 * Schedules for callers: define (or change), pause, resume, remove, list; and
 * the runner that fires them on the leader. A definition is checked at the
 * edge: the cron expression and time zone, and the task against its
 * definition, as a submission would be.
 */
function createScheduleService(params) {
    const { store, clock } = params;
    const runner = createScheduleRunner({ store, clock, leadership: params.leadership, submit: params.submit, onError: params.onError });
    async function find(name) {
        const found = (await store.listSchedules()).find((s) => s.name === name);
        if (!found)
            throw new BatonError({ code: 'SCHEDULE_NOT_FOUND', message: `schedule ${name} does not exist` });
        return found;
    }
    const changed = (schedule) => {
        runner.poke();
        return schedule;
    };
    return {
        async define(input) {
            const body = parseOrThrow({ schema: DefineScheduleBodySchema, input });
            const problem = checkCron({ cron: body.cron, timezone: body.timezone });
            if (problem)
                throw new BatonError({ code: 'VALIDATION_FAILED', message: `cron: ${problem}`, issues: [{ path: problem.includes('time zone') ? 'timezone' : 'cron', rule: 'invalid', message: problem }] });
            for (const field of ['runAt', 'delayMs', 'idempotencyKey']) {
                if (field in body.task)
                    throw new BatonError({ code: 'VALIDATION_FAILED', message: `task.${field}: a schedule sets it at each tick`, issues: [{ path: `task.${field}`, rule: 'set_by_schedule', message: 'a schedule sets it at each tick' }] });
            }
            // Checked as a submission would be, so a tick never submits something refused.
            prepareSubmission({ input: body.task, registry: params.registry, taskId: 'check', now: clock.now(), pathPrefix: 'task.' });
            return changed(await store.applySchedule({ command: { kind: 'DefineSchedule', name: body.name, cron: body.cron, timezone: body.timezone, task: body.task, overlap: body.overlap, missed: body.missed } }));
        },
        list: () => store.listSchedules(),
        get: find,
        async pause(name) {
            await find(name);
            return changed(await store.applySchedule({ command: { kind: 'PauseSchedule', name } }));
        },
        async resume(name) {
            await find(name);
            return changed(await store.applySchedule({ command: { kind: 'ResumeSchedule', name } }));
        },
        async remove(name) {
            await find(name);
            return changed(await store.applySchedule({ command: { kind: 'RemoveSchedule', name } }));
        },
        /** When the schedule fires next, for people: null while paused. */
        nextTick: (s) => (s.paused ? null : nextTick({ cron: s.cron, timezone: s.timezone, after: Math.max(clock.now(), s.lastTick ?? 0) })),
        start: () => runner.start(),
        runNow: () => runner.runNow(),
        stop: () => runner.stop(),
    };
}
export { createScheduleService };
//# sourceMappingURL=schedule-service.js.map