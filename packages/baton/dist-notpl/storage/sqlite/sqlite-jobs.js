import { advanceJob, decideJob, evolveJob, jobStreamId, } from '@baton/core';
import { decodeCursor, encodeCursor } from '../list-cursor.js';
import { createEventInsert } from './sqlite-event-log.js';
/** Rounds of `advanceJob` one change may take: each round settles at least one more level of the graph. */
const MAX_ROUNDS = 10_000;
/** Parsed task docs kept for job cascades; past this the cache starts over. */
const MAX_PARSED = 50_000;
/**
 * Jobs on SQLite: the `job:<id>` streams and their projection, and the job
 * cascade, run inside the transaction of the task change that set it off.
 */
function createSqliteJobs(params) {
    const { db, applyTask } = params;
    const sql = {
        load: db.prepare('SELECT doc FROM jobs WHERE id = ?'),
        insertEvent: createEventInsert(db),
        upsert: db.prepare(`INSERT INTO jobs (id, state, submit_seq, version, doc) VALUES (@id, @state, @submitSeq, @version, @doc)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, version = excluded.version, doc = excluded.doc`),
        tasksOf: db.prepare('SELECT doc FROM tasks WHERE job_id = ? ORDER BY submit_seq'),
        versionsOf: db.prepare('SELECT id, version FROM tasks WHERE job_id = ? ORDER BY submit_seq'),
        taskDoc: db.prepare('SELECT doc FROM tasks WHERE id = ?'),
    };
    /**
     * The job's tasks for its cascade, which runs on every end of one of them:
     * a doc is parsed again only when its row's version moved. Reading and
     * parsing every doc each time made a job's run cost O(n²) in its size.
     * A version names one fold of the task's stream, so a cached doc at the
     * row's version is the row's doc, whichever process wrote it.
     */
    const parsed = new Map();
    const cascadeTasks = (jobId) => {
        if (parsed.size > MAX_PARSED)
            parsed.clear();
        const tasks = new Map();
        for (const { id, version } of sql.versionsOf.all(jobId)) {
            let task = parsed.get(id);
            if (!task || task.version !== version) {
                const row = sql.taskDoc.get(id);
                if (!row)
                    continue;
                task = JSON.parse(row.doc);
                parsed.set(id, task);
            }
            tasks.set(id, task);
        }
        return tasks;
    };
    const load = (jobId) => {
        const row = sql.load.get(jobId);
        return row ? JSON.parse(row.doc) : null;
    };
    const tasksOf = (jobId) => sql.tasksOf.all(jobId).map((r) => JSON.parse(r.doc));
    function append(state, jobId, events, now) {
        let next = state;
        let version = state?.version ?? 0;
        for (const event of events) {
            version += 1;
            const seq = sql.insertEvent({ stream_id: jobStreamId(jobId), version, type: event.type, data: event.data, time: now });
            next = evolveJob(next, { ...event, seq, streamId: jobStreamId(jobId), version, time: now });
        }
        if (next && next !== state)
            sql.upsert.run({ id: next.id, state: next.state, submitSeq: next.submitSeq, version: next.version, doc: JSON.stringify(next) });
        return next;
    }
    /** Runs the cascade to its end: unblock, cancel, end broadcast steps, end the job. */
    function advance(jobId, now) {
        for (let round = 0; round < MAX_ROUNDS; round++) {
            const job = load(jobId);
            if (!job)
                return;
            const tasks = cascadeTasks(jobId);
            const { commands, events } = advanceJob({ job, tasks, now });
            if (commands.length === 0 && events.length === 0)
                return;
            let changed = events.length > 0;
            for (const command of commands) {
                const before = tasks.get(command.taskId) ?? null;
                const decision = applyTask(before, command, now);
                if (decision.ok && decision.value !== before) {
                    changed = true;
                    tasks.set(command.taskId, decision.value);
                }
            }
            if (events.length)
                append(job, jobId, events, now);
            if (!changed)
                return;
        }
        throw new Error(`job ${jobId} did not settle in ${MAX_ROUNDS} rounds`);
    }
    return {
        advance,
        submit(job, tasks, now) {
            const decision = decideJob(load(job.jobId), { kind: 'SubmitJob', ...job });
            if (!decision.ok)
                throw new Error(`store invariant broken: ${decision.error.message}`);
            const view = append(null, job.jobId, decision.value, now);
            const created = tasks.map((task) => {
                const d = applyTask(null, { kind: 'Submit', ...task, now }, now);
                if (!d.ok)
                    throw new Error(`store invariant broken: ${d.error.message}`);
                return d.value;
            });
            return { job: view, tasks: created };
        },
        cancel(jobId, reason, now) {
            const state = load(jobId);
            const decision = decideJob(state, { kind: 'CancelJob', jobId, reason });
            if (!decision.ok)
                return decision;
            append(state, jobId, decision.value, now);
            advance(jobId, now);
            return { ok: true, value: load(jobId) };
        },
        get: load,
        tasksOf,
        /** After the tables were rewritten (a rebuild), nothing parsed before is trusted. */
        forgetParsed: () => parsed.clear(),
        list(states, limit, cursor) {
            const values = [];
            const where = [];
            if (states?.length) {
                where.push(`state IN (${states.map(() => '?').join(', ')})`);
                values.push(...states);
            }
            if (cursor !== null) {
                where.push('submit_seq < ?');
                values.push(decodeCursor(cursor));
            }
            const rows = db
                .prepare(`SELECT doc FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY submit_seq DESC LIMIT ?`)
                .all(...values, limit + 1);
            const items = rows.slice(0, limit).map((r) => JSON.parse(r.doc));
            const last = items[items.length - 1];
            return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.submitSeq) : null };
        },
    };
}
export { createSqliteJobs };
//# sourceMappingURL=sqlite-jobs.js.map