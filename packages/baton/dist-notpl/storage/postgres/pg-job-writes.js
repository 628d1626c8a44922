import { BatonError, broadcastCopies, decide, delaysFromAcceptance, decideJob, agentsFor, } from '@baton/core';
import { encodeSignals } from './pg-signals.js';
/**
 * The job writes of the PostgreSQL store: submit a job, cancel it, fan
 * broadcast steps out, end the copies of a lost agent, and the cascade the
 * task writes run. Every one takes the job's lock before any of its tasks'.
 */
function createPgJobWrites(params) {
    const { pool, names, sql, pinnedNow, jobs, transaction, append, report, retryWhenBusy } = params;
    /** Locks the job's tasks and runs its cascade over them, with `changed` already applied; the caller appends what it staged. */
    async function settleJob(q, job, changed, staged, now) {
        const tasks = await jobs.lockTasks(q, job.id);
        for (const [id, task] of Object.entries(changed))
            tasks.set(id, task);
        return jobs.cascade({ job, tasks, staged, now });
    }
    /** Appends the job's end and tells every node, so whoever awaits the job hears it. */
    async function endJob(q, job, events, now) {
        const view = await jobs.append(q, job, job.id, events, now);
        if (view && view.state !== 'running') {
            const payload = encodeSignals([{ kind: 'ended', taskIds: [view.id] }]);
            if (payload !== null)
                await q.query('SELECT pg_notify($1, $2)', [names.channel, payload]);
        }
        return view;
    }
    const methods = {
        submitJob: ({ job, tasks: accepted, sinceAccepted }) => transaction(async (q) => {
            // Before the database reads its now, so the delays can only come out longer.
            const tasks = delaysFromAcceptance(accepted, sinceAccepted?.() ?? 0);
            const now = (await q.query(sql.now, [pinnedNow()])).rows[0].now;
            const decision = decideJob(null, { kind: 'SubmitJob', ...job });
            if (!decision.ok)
                throw new BatonError({ code: 'CONFIG_INVALID', message: decision.error.message });
            const view = (await jobs.append(q, null, job.jobId, decision.value, now));
            const pending = tasks.map((task) => {
                const d = decide(null, { kind: 'Submit', ...task, now });
                if (!d.ok)
                    throw new BatonError({ code: d.error.code, message: d.error.message, taskId: task.taskId });
                return { before: null, taskId: task.taskId, events: d.value };
            });
            return { job: view, tasks: await append(q, pending, now) };
        }),
        cancelJob: ({ jobId, reason }) => retryWhenBusy(async (q) => {
            const job = await jobs.lock(q, jobId);
            const decision = decideJob(job, { kind: 'CancelJob', jobId, reason });
            if (!decision.ok)
                return decision;
            if (!job || decision.value.length === 0)
                return { ok: true, value: job };
            const now = (await q.query(sql.now, [pinnedNow()])).rows[0].now;
            const requested = (await jobs.append(q, job, jobId, decision.value, now));
            const staged = new Map();
            const jobEvents = await settleJob(q, requested, {}, staged, now);
            await append(q, [...staged.values()], now);
            return { ok: true, value: ((await endJob(q, requested, jobEvents, now)) ?? requested) };
        }),
        getJob: ({ jobId }) => jobs.get(pool, jobId),
        listJobs: ({ states, limit, cursor }) => jobs.list(pool, states, limit, cursor),
        jobTasks: ({ jobId }) => jobs.tasksOf(pool, jobId),
        async fanOutBroadcasts({ limit, newId }) {
            const { rows } = await pool.query(sql.queuedSteps, [limit]);
            const fanned = [];
            for (const { id, job_id: jobId } of rows) {
                const step = await transaction(async (q) => {
                    // The job's lock first, as for every change to a job's tasks, so a cancel of the job sees the copies.
                    if (jobId !== null)
                        await jobs.lock(q, jobId);
                    const { rows: locked } = await q.query(sql.loadForUpdate, [id, pinnedNow()]);
                    const { now, doc: state } = locked[0];
                    if (!state || state.state !== 'queued' || !state.broadcast)
                        return null;
                    const live = (await q.query(sql.liveAgents, [pinnedNow()])).rows.map((r) => r.doc);
                    const agentIds = agentsFor({ agents: live, type: state.type, target: state.target }).map((a) => a.id);
                    if (agentIds.length === 0)
                        return null;
                    const childIds = agentIds.map(() => newId());
                    const fan = decide(state, { kind: 'FanOut', taskId: id, agentIds, childIds });
                    if (!fan.ok)
                        return null;
                    const pending = [{ before: state, taskId: id, events: fan.value }];
                    for (const copy of broadcastCopies({ step: state, agentIds, childIds, now })) {
                        const d = decide(null, { kind: 'Submit', ...copy, now });
                        if (d.ok)
                            pending.push({ before: null, taskId: copy.taskId, events: d.value });
                    }
                    return (await append(q, pending, now))[0] ?? null;
                });
                if (step)
                    fanned.push(step);
            }
            return fanned;
        },
        async abandonPinned({ agentId }) {
            const { rows } = await pool.query(sql.pinned, [agentId]);
            const ended = [];
            for (const { doc: copy } of rows) {
                const parent = copy.parentId === null ? null : ((await pool.query(sql.get, [copy.parentId])).rows[0]?.doc ?? null);
                const decision = await report(copy.id, () => ({ kind: 'AbandonPinned', taskId: copy.id, policy: parent?.broadcast?.onAgentLost ?? 'fail' }));
                if (decision.ok)
                    ended.push(decision.value);
            }
            return ended;
        },
    };
    return { settleJob, endJob, methods };
}
export { createPgJobWrites };
//# sourceMappingURL=pg-job-writes.js.map