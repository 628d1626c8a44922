import Database from 'better-sqlite3';
import { BatonError, decide, delaysFromAcceptance, evolve, movesJob, pickWithinLimits, } from '@baton/core';
import { encodeCursor, listConditions } from '../list-cursor.js';
import { migrate } from './migrations.js';
import { createSqliteAgents } from './sqlite-agents.js';
import { createSqliteClaimQuery } from './sqlite-claim.js';
import { createSqliteJobs } from './sqlite-jobs.js';
import { createSqliteLimits } from './sqlite-limits.js';
import { createSqliteSchedules } from './sqlite-schedules.js';
import { createSqliteBroadcast } from './sqlite-broadcast.js';
import { createSqliteReportBatch } from './sqlite-report-batch.js';
import { rebuildSqliteProjections } from './sqlite-rebuild.js';
import { handoffClaim, handoffEligible } from '../handoff-claim.js';
import { createSqliteTokens } from './sqlite-tokens.js';
import { createSqliteTypeControls } from './sqlite-type-controls.js';
import { createEventInsert, toStoredEvent } from './sqlite-event-log.js';
const parseDoc = (row) => (row ? JSON.parse(row.doc) : null);
function decodeFeedCursor(cursor) {
    if (!/^\d{1,15}$/.test(cursor)) {
        throw new BatonError({ code: 'VALIDATION_FAILED', message: 'cursor: not a feed cursor this server gave out', issues: [{ path: 'cursor', rule: 'invalid_cursor', message: 'not a feed cursor' }] });
    }
    return Number(cursor);
}
function openDatabase(options) {
    const db = new Database(options.path);
    if (options.path !== ':memory:')
        db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous ?? 'full'}`);
    db.pragma('busy_timeout = 5000');
    migrate({ db, now: options.clock.now() });
    return db;
}
/**
 * The embedded store. Every write is one IMMEDIATE transaction that runs the
 * command through `decide`, appends the events and writes the fold of them
 * into the projection row, so the row can never drift from its stream.
 */
function createSqliteStore(options) {
    const { clock } = options;
    const db = openDatabase(options);
    const agents = createSqliteAgents(db);
    const typeControls = createSqliteTypeControls(db);
    const tokens = createSqliteTokens(db);
    const sql = {
        loadTask: db.prepare('SELECT doc FROM tasks WHERE id = ?'),
        byIdempotencyKey: db.prepare('SELECT doc FROM tasks WHERE idempotency_key = ?'),
        insertEvent: createEventInsert(db),
        upsertTask: db.prepare(`INSERT INTO tasks (id, type, state, priority, run_at, submit_seq, idempotency_key, agent_id, lease_expires_at, version, doc,
         job_id, serial_key, queue_seq, target_service, target_tags, target_agent, broadcast, limit_key)
       VALUES (@id, @type, @state, @priority, @runAt, @submitSeq, @idempotencyKey, @agentId, @leaseExpiresAt, @version, @doc,
         @jobId, @serialKey, @queueSeq, @targetService, @targetTags, @targetAgent, @broadcast, @limitKey)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, priority = excluded.priority, run_at = excluded.run_at,
         agent_id = excluded.agent_id, lease_expires_at = excluded.lease_expires_at, version = excluded.version, doc = excluded.doc,
         queue_seq = excluded.queue_seq`),
        due: db.prepare(`SELECT id FROM tasks WHERE state = 'scheduled' AND run_at <= ? ORDER BY run_at, submit_seq LIMIT ?`),
        anyExpired: db.prepare(`SELECT 1 AS one FROM tasks WHERE state = 'running' AND lease_expires_at <= ? LIMIT 1`),
        expired: db.prepare(`SELECT id FROM tasks WHERE state = 'running' AND lease_expires_at <= ? ORDER BY lease_expires_at LIMIT ?`),
        nextDue: db.prepare(`SELECT min(run_at) AS at FROM tasks WHERE state = 'scheduled'`),
        /** A type whose new task is not handed to an agent: other tasks of it are queued already (they come first), or it is paused. */
        heldType: db.prepare(`SELECT EXISTS (SELECT 1 FROM tasks WHERE state = 'queued' AND type = ? AND id <> ?) OR EXISTS (SELECT 1 FROM task_types WHERE type = ? AND paused = 1) AS held`),
        stream: db.prepare('SELECT * FROM events WHERE stream_id = ? ORDER BY version'),
        all: db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?'),
    };
    function writeTask(task) {
        sql.upsertTask.run({
            id: task.id,
            type: task.type,
            state: task.state,
            priority: task.priority,
            runAt: task.runAt,
            submitSeq: task.submitSeq,
            idempotencyKey: task.idempotencyKey,
            agentId: task.agentId,
            leaseExpiresAt: task.leaseExpiresAt,
            version: task.version,
            doc: JSON.stringify(task),
            jobId: task.jobId ?? null,
            serialKey: task.serialKey ?? null,
            queueSeq: task.queueSeq ?? task.submitSeq,
            targetService: task.target?.service ?? null,
            targetTags: task.target?.tags.length ? JSON.stringify(task.target.tags) : null,
            targetAgent: task.target?.agentId ?? null,
            broadcast: task.broadcast ? 1 : 0,
            limitKey: task.limitKey ?? null,
        });
    }
    /** Jobs a task change of this transaction moved (see movesJob): their cascade runs before it commits. */
    const touchedJobs = new Set();
    /** Runs one command against one stream. Call inside a transaction. */
    function apply(state, command, now) {
        const decision = decide(state, command);
        if (!decision.ok)
            return decision;
        if (decision.value.length === 0 && state)
            return { ok: true, value: state };
        let next = state;
        let version = state?.version ?? 0;
        for (const event of decision.value) {
            version += 1;
            const seq = sql.insertEvent({ stream_id: command.taskId, version, type: event.type, data: event.data, time: now });
            const stored = { seq, streamId: command.taskId, version, time: now, ...event };
            next = evolve(next, stored);
        }
        if (!next)
            throw new Error('unreachable: a decision with events produced no state');
        writeTask(next);
        if (next.jobId !== null && movesJob(state, next))
            touchedJobs.add(next.jobId);
        return { ok: true, value: next };
    }
    const jobs = createSqliteJobs({ db, applyTask: apply });
    const claims = createSqliteClaimQuery(db);
    const limits = createSqliteLimits(db);
    const schedules = createSqliteSchedules(db);
    const broadcast = createSqliteBroadcast({ db, apply, write, loadTask: (taskId) => parseDoc(sql.loadTask.get(taskId)) });
    /** Runs the cascade of every job a task change of this transaction touched. */
    function settleJobs(now) {
        for (const jobId of touchedJobs) {
            touchedJobs.delete(jobId);
            jobs.advance(jobId, now);
        }
    }
    /** One write transaction that ends by settling the jobs it touched. */
    function write(fn) {
        return db
            .transaction(() => {
            touchedJobs.clear();
            const now = clock.now();
            const result = fn(now);
            settleJobs(now);
            return result;
        })
            .immediate();
    }
    const report = createSqliteReportBatch({ db, reportNow });
    function reportNow(makeCommand) {
        return write((now) => {
            const command = makeCommand(now);
            const decision = apply(parseDoc(sql.loadTask.get(command.taskId)), command, now);
            if (!decision.ok || decision.value.jobId === null)
                return decision;
            settleJobs(now);
            // The cascade may have written to this task too: answer with its state as it will commit.
            return { ok: true, value: parseDoc(sql.loadTask.get(command.taskId)) ?? decision.value };
        });
    }
    const unwrap = (d) => {
        if (!d.ok)
            throw new Error(`store invariant broken: ${d.error.message}`);
        return d.value;
    };
    return {
        submit: async ({ tasks: accepted, connection, sinceAccepted, handoff }) => {
            if (connection) {
                throw new BatonError({ code: 'CONFIG_INVALID', message: 'submit with an application connection needs the PostgreSQL driver; the SQLite store runs its own transaction' });
            }
            return db
                .transaction(() => {
                const now = clock.now();
                const tasks = delaysFromAcceptance(accepted, sinceAccepted?.() ?? 0);
                return tasks.map((task) => {
                    if (task.idempotencyKey !== null) {
                        const existing = parseDoc(sql.byIdempotencyKey.get(task.idempotencyKey));
                        if (existing)
                            return { task: existing, created: false };
                    }
                    const created = unwrap(apply(null, { kind: 'Submit', ...task, now }, now));
                    const heldTypes = !handoff?.agents.has(task.taskId) ? new Set() : limits.window(now) ? 'all' : new Set(sql.heldType.get(task.taskType, task.taskId, task.taskType)?.held ? [task.taskType] : []);
                    const claim = handoffClaim({ handoff, heldTypes, created, now });
                    return { task: claim ? unwrap(apply(created, claim, now)) : created, created: true };
                });
            })
                .immediate();
        },
        claim: async ({ agentId, types, limit, leaseMs }) => {
            if (types.length === 0 || limit <= 0)
                return [];
            return (db
                .transaction(() => {
                const now = clock.now();
                const window = limits.window(now);
                // With limits set, more candidates than slots are read: some may not fit what their limits allow.
                const rows = claims.candidates({ agentId, types, limit: window ? limit * 2 + 10 : limit, ...(window ? { fullTypes: window.fullTypes, fullKeys: window.fullKeys } : {}) });
                const docs = rows.map((row) => JSON.parse(row.doc));
                const picked = window ? pickWithinLimits({ candidates: docs, capacity: window.capacity, limit }) : docs;
                const claimed = picked.map((state) => unwrap(apply(state, { kind: 'Claim', taskId: state.id, agentId, leaseMs, now }, now)));
                window?.started(claimed, now);
                return claimed;
            })
                .immediate());
        },
        succeed: async ({ taskId, token, result }) => report(taskId, () => ({ kind: 'Succeed', taskId, token, result })),
        fail: async ({ taskId, token, error, retryable, random, retryAfterMs }) => report(taskId, (now) => ({ kind: 'Fail', taskId, token, error, retryable, random, now, retryAfterMs: retryAfterMs ?? null })),
        release: async ({ taskId, token, reason }) => report(taskId, () => ({ kind: 'Release', taskId, token, reason })),
        cancel: async ({ taskId, reason }) => report(taskId, () => ({ kind: 'Cancel', taskId, reason })),
        confirmCancel: async ({ taskId, token }) => report(taskId, () => ({ kind: 'ConfirmCancel', taskId, token })),
        progress: async ({ taskId, token, progress }) => report(taskId, () => ({ kind: 'ReportProgress', taskId, token, progress })),
        retry: async ({ taskId, attempts, reason }) => report(taskId, () => ({ kind: 'Retry', taskId, attempts, reason })),
        promoteDue: async ({ limit, handoff }) => db
            .transaction(() => {
            const now = clock.now();
            const types = new Set(handoff?.types ?? []);
            let handed = handoff && !limits.window(now) ? 0 : Infinity;
            return sql.due.all(now, limit).map(({ id }) => {
                const ready = unwrap(apply(parseDoc(sql.loadTask.get(id)), { kind: 'Promote', taskId: id, now }, now));
                if (!handoff || handed >= handoff.limit || !types.has(ready.type) || !handoffEligible(ready) || sql.heldType.get(ready.type, ready.id, ready.type)?.held)
                    return ready;
                handed += 1;
                return unwrap(apply(ready, { kind: 'Claim', taskId: id, agentId: handoff.agentId, leaseMs: handoff.leaseMs, now }, now));
            });
        })
            .immediate(),
        pauseType: async ({ taskType, reason }) => db.transaction(() => typeControls.apply({ kind: 'PauseType', taskType, reason }, clock.now())).immediate(),
        resumeType: async ({ taskType }) => db.transaction(() => typeControls.apply({ kind: 'ResumeType', taskType }, clock.now())).immediate(),
        listTypeControls: async () => typeControls.list(),
        setLimits: async ({ scope, concurrency, rate }) => db.transaction(() => limits.set({ kind: 'SetLimits', scope, concurrency, rate }, clock.now())).immediate(),
        listLimits: async () => limits.list(),
        limitUsage: async ({ scopes }) => limits.usage(scopes, clock.now()),
        applySchedule: async ({ command }) => db.transaction(() => schedules.apply(command, clock.now())).immediate(),
        listSchedules: async () => schedules.list(),
        issueToken: async ({ tokenId, name, scopes, hash, onlyIfNone }) => db
            .transaction(() => (onlyIfNone && !tokens.none() ? null : tokens.apply({ kind: 'IssueToken', tokenId, name, scopes, hash }, clock.now())))
            .immediate(),
        revokeToken: async ({ tokenId, reason }) => db.transaction(() => tokens.apply({ kind: 'RevokeToken', tokenId, reason }, clock.now())).immediate(),
        getToken: async ({ tokenId }) => tokens.get(tokenId),
        listTokens: async () => tokens.list(),
        registerAgent: async ({ agent, leaseMs }) => db.transaction(() => agents.register(agent, clock.now(), leaseMs)).immediate(),
        stopAgent: async ({ agentId, reason }) => db.transaction(() => agents.stop(agentId, reason, clock.now())).immediate(),
        expireAgents: async ({ limit }) => db.transaction(() => agents.expire(limit, clock.now())).immediate(),
        listAgents: async ({ states }) => agents.list(states),
        getAgent: async ({ agentId }) => agents.get(agentId),
        extendLeases: async ({ agentId, leases, leaseMs }) => db
            .transaction(() => {
            const now = clock.now();
            agents.touch(agentId, now, leaseMs);
            return leases.map(({ taskId, token }) => {
                const decision = apply(parseDoc(sql.loadTask.get(taskId)), { kind: 'ExtendLease', taskId, token, leaseMs, now }, now);
                if (!decision.ok)
                    return { taskId, held: false, leaseExpiresAt: null, cancelRequested: false };
                return { taskId, held: true, leaseExpiresAt: decision.value.leaseExpiresAt, cancelRequested: decision.value.cancelRequested };
            });
        })
            .immediate(),
        expireLeases: async ({ limit, random }) => {
            // The sweep runs every second: when nothing has expired it reads an index and takes no write lock.
            if (!sql.anyExpired.get(clock.now()))
                return [];
            return write((now) => sql.expired.all(now, limit).map(({ id }) => {
                const state = parseDoc(sql.loadTask.get(id));
                return unwrap(apply(state, { kind: 'ExpireLease', taskId: id, token: state?.token ?? 0, now, random: random() }, now));
            }));
        },
        submitJob: async ({ job, tasks, sinceAccepted }) => write((now) => jobs.submit(job, delaysFromAcceptance(tasks, sinceAccepted?.() ?? 0), now)),
        cancelJob: async ({ jobId, reason }) => write((now) => jobs.cancel(jobId, reason, now)),
        getJob: async ({ jobId }) => jobs.get(jobId),
        listJobs: async ({ states, limit, cursor }) => jobs.list(states, limit, cursor),
        jobTasks: async ({ jobId }) => jobs.tasksOf(jobId),
        ...broadcast,
        nextDueAt: async () => (sql.nextDue.get()?.at ?? null),
        get: async ({ taskId }) => (parseDoc(sql.loadTask.get(taskId))),
        list: async ({ filter, limit, cursor, order = 'newest' }) => {
            const values = [];
            const where = listConditions({
                filter,
                cursor,
                order,
                submittedAt: "json_extract(doc, '$.submittedAt')",
                placeholder: (value) => {
                    values.push(value);
                    return '?';
                },
            });
            const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
            const rows = db
                .prepare(`SELECT doc FROM tasks ${clause} ORDER BY submit_seq ${order === 'oldest' ? 'ASC' : 'DESC'} LIMIT ?`)
                .all(...values, limit + 1);
            const items = rows.slice(0, limit).map((row) => JSON.parse(row.doc));
            const last = items[items.length - 1];
            return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.submitSeq, order) : null };
        },
        readStream: async ({ streamId }) => (sql.stream.all(streamId).map(toStoredEvent)),
        readAll: async ({ afterSeq, limit }) => (sql.all.all(afterSeq, limit).map(toStoredEvent)),
        // One writer at a time: sequence order is commit order, so the cursor is the last sequence read.
        readFeed: async ({ cursor, limit }) => {
            const after = cursor === null ? 0 : decodeFeedCursor(cursor);
            const events = sql.all.all(after, limit).map((row) => ({ ...toStoredEvent(row), cursor: String(row.seq) }));
            const last = events[events.length - 1];
            return { events, cursor: last ? last.cursor : String(after) };
        },
        feedTail: async () => String(db.prepare('SELECT COALESCE(max(seq), 0) AS head FROM events').get().head),
        archiveCandidates: async ({ types, endedBefore, limit }) => {
            if (types.length === 0)
                return [];
            const rows = db
                .prepare(`SELECT id, version FROM tasks WHERE state IN ('succeeded', 'failed', 'cancelled') AND job_id IS NULL
             AND type IN (${types.map(() => '?').join(', ')}) AND json_extract(doc, '$.updatedAt') < ? ORDER BY submit_seq LIMIT ?`)
                .all(...types, endedBefore, limit);
            return rows.map((r) => ({ taskId: r.id, version: r.version, events: sql.stream.all(r.id).map(toStoredEvent) }));
        },
        removeArchived: async ({ tasks }) => db
            .transaction(() => {
            const removed = [];
            const drop = db.prepare(`DELETE FROM tasks WHERE id = ? AND version = ? AND state IN ('succeeded', 'failed', 'cancelled')`);
            const dropEvents = db.prepare('DELETE FROM events WHERE stream_id = ?');
            for (const { taskId, version } of tasks) {
                if (drop.run(taskId, version).changes === 1) {
                    dropEvents.run(taskId);
                    removed.push(taskId);
                }
            }
            return removed;
        })
            .immediate(),
        rebuildProjections: async () => {
            const started = performance.now();
            const { events } = db.transaction(() => rebuildSqliteProjections({ db, writeTask })).immediate();
            jobs.forgetParsed();
            // SQLite has one writer: the rebuild holds the write lock throughout, and nothing arrives while it runs.
            return { events, caughtUp: 0, lockedMs: Math.round(performance.now() - started) };
        },
        dumpProjections: async () => {
            const docs = (table) => db.prepare(`SELECT doc FROM ${table}`).all().map((r) => JSON.parse(r.doc));
            return { task: docs('tasks'), job: docs('jobs'), agent: docs('agents'), type: docs('task_types'), token: docs('api_tokens'), limits: docs('flow_limits'), schedule: docs('schedules') };
        },
        stats: async () => ({
            tasks: db.prepare('SELECT state, type, count(*) AS count FROM tasks GROUP BY state, type ORDER BY state, type').all(),
            eventHead: db.prepare('SELECT COALESCE(max(seq), 0) AS head FROM events').get().head,
        }),
        ping: async () => {
            db.prepare('SELECT 1').get();
        },
        close: async () => {
            if (db.open)
                db.close();
        },
    };
}
export { createSqliteStore };
//# sourceMappingURL=sqlite-store.js.map