import { advanceJob, decide, evolve, evolveJob, jobStreamId, } from '@baton/core';
import { decodeCursor, encodeCursor } from '../list-cursor.js';
import { LOCK_NAMESPACE } from './pg-schema.js';
import { eventRowsParam } from './pg-event-log.js';
/** Rounds of `advanceJob` one change may take: each round settles at least one more level of the graph. */
const MAX_ROUNDS = 10_000;
/** Task docs kept for job cascades; past this the cache starts over. */
const MAX_PARSED = 50_000;
/**
 * Jobs on PostgreSQL. Every change that can move a job takes the job's
 * advisory lock first (then the task rows), so two tasks of one job ending on
 * two nodes are settled one after the other, each seeing the other's outcome:
 * a diamond's last dependency never goes unnoticed.
 */
function createPgJobs(params) {
    const { names, sql } = params;
    async function lock(q, jobId) {
        await q.query(sql.lockJob, [LOCK_NAMESPACE.job, jobId]);
        return (await q.query(sql.getJobLocked, [jobId])).rows[0]?.doc ?? null;
    }
    /**
     * Docs of job tasks, by id, as last read. The cascade runs on every end of
     * one of a job's tasks; fetching every doc each time made a job's run cost
     * O(n²) in its size. A version names one fold of the task's stream, so a
     * cached doc at the row's version is the row's doc, whichever node wrote it.
     */
    const parsed = new Map();
    /** Locks the job's tasks (NOWAIT) and returns them, fetching only the docs whose version moved. */
    async function lockTasks(q, jobId) {
        const { rows } = await q.query(sql.jobTaskVersionsForUpdate, [jobId]);
        const versions = rows;
        if (parsed.size > MAX_PARSED)
            parsed.clear();
        const stale = versions.filter((r) => parsed.get(r.id)?.version !== r.version).map((r) => r.id);
        if (stale.length > 0) {
            const { rows: docs } = await q.query(sql.getMany, [stale]);
            for (const { doc } of docs)
                parsed.set(doc.id, doc);
        }
        const tasks = new Map();
        for (const { id } of versions) {
            const task = parsed.get(id);
            if (task)
                tasks.set(id, task);
        }
        return tasks;
    }
    async function append(q, state, jobId, events, now) {
        if (events.length === 0)
            return state;
        const streamId = jobStreamId(jobId);
        let version = state?.version ?? 0;
        const rows = events.map((e) => ({ stream_id: streamId, version: ++version, type: e.type, data: e.data, time: now }));
        const inserted = (await q.query(sql.insertEvents, [eventRowsParam(rows)])).rows;
        const seqOf = new Map(inserted.map((r) => [r.version, r.seq]));
        let next = state;
        version = state?.version ?? 0;
        for (const event of events) {
            version += 1;
            next = evolveJob(next, { ...event, seq: seqOf.get(version) ?? 0, streamId, version, time: now });
        }
        await q.query(sql.upsertJobs, [JSON.stringify([next])]);
        return next;
    }
    /**
     * Runs the cascade in memory over the locked tasks: each command is decided
     * against the task's current state and staged; `tasks` and `staged` are
     * updated in place. Returns the job's own events (its end). The caller
     * appends the staged events, which folds them again with their real numbers.
     */
    function cascade(params) {
        const { tasks, staged, now } = params;
        let job = params.job;
        const jobEvents = [];
        for (let round = 0; round < MAX_ROUNDS; round++) {
            const { commands, events } = advanceJob({ job, tasks, now });
            let changed = events.length > 0;
            for (const command of commands) {
                const current = tasks.get(command.taskId) ?? null;
                const decision = decide(current, command);
                if (!decision.ok || decision.value.length === 0 || !current)
                    continue;
                const entry = staged.get(command.taskId) ?? { before: current, taskId: command.taskId, events: [] };
                let next = current;
                for (const event of decision.value) {
                    next = evolve(next, { ...event, seq: 0, streamId: command.taskId, version: next.version + 1, time: now });
                }
                entry.events.push(...decision.value);
                staged.set(command.taskId, entry);
                tasks.set(command.taskId, next);
                changed = true;
            }
            for (const event of events) {
                job = evolveJob(job, { ...event, seq: 0, streamId: jobStreamId(job.id), version: job.version + 1, time: now });
                jobEvents.push(event);
            }
            if (!changed)
                return jobEvents;
        }
        throw new Error(`job ${job.id} did not settle in ${MAX_ROUNDS} rounds`);
    }
    return {
        lock,
        lockTasks,
        append,
        cascade,
        /** After the tables were rewritten (a rebuild), nothing read before is trusted. */
        forgetParsed: () => parsed.clear(),
        async get(q, jobId) {
            return (await q.query(sql.getJob, [jobId])).rows[0]?.doc ?? null;
        },
        async tasksOf(q, jobId) {
            return (await q.query(sql.jobTasks, [jobId])).rows.map((r) => r.doc);
        },
        async list(q, states, limit, cursor) {
            const values = [limit + 1];
            const where = [];
            if (states?.length) {
                values.push([...states]);
                where.push(`state = ANY($${values.length}::text[])`);
            }
            if (cursor !== null) {
                values.push(decodeCursor(cursor));
                where.push(`submit_seq < $${values.length}::bigint`);
            }
            const { rows } = await q.query(`SELECT doc FROM ${names.table('jobs')} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY submit_seq DESC LIMIT $1`, values);
            const items = rows.slice(0, limit).map((r) => r.doc);
            const last = items[items.length - 1];
            return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.submitSeq) : null };
        },
    };
}
export { createPgJobs };
//# sourceMappingURL=pg-jobs.js.map