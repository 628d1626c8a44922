import { BatonError, decide, delaysFromAcceptance, evolve, movesJob, } from '@baton/core';
import { signalsOf } from '../change-signals.js';
import { createPgAgents } from './pg-agents.js';
import { createPgJobs } from './pg-jobs.js';
import { BUSY_ATTEMPTS, isRowBusy, NeedsJobLock, pauseBriefly } from './pg-job-locking.js';
import { createPgLimits } from './pg-limits.js';
import { createPgSchedules } from './pg-schedules.js';
import { createPgProjectionTools } from './pg-rebuild.js';
import { createPgLeaseRenewal } from './pg-lease-renewal.js';
import { createPgJobWrites } from './pg-job-writes.js';
import { createPgTokens } from './pg-tokens.js';
import { createPgTypeControls } from './pg-type-controls.js';
import { migratePg } from './pg-migrations.js';
import { pgNames } from './pg-schema.js';
import { encodeSignals } from './pg-signals.js';
import { pgStatements } from './pg-statements.js';
import { taskRow } from './pg-task-row.js';
import { eventRowsParam } from './pg-event-log.js';
import { retryingReads } from './pg-read-retry.js';
import { createPgReportGroups } from './pg-report-groups.js';
import { createHandedOut } from './pg-handed-out.js';
import { createPgFastWrites, preparedQuery } from './pg-fast-writes.js';
import { createPgDuePromotion } from './pg-due-promotion.js';
import { warmHotStatements } from './pg-hot-warmup.js';
import { createPgReads } from './pg-reads.js';
import { createPgConnections, translateError } from './pg-connections.js';
import { createPgSubmitNow, submitsInOneStatement } from './pg-submit-now.js';
/** The state a task reaches once these events are folded in; numbered for real only when appended. */
function foldStaged(state, taskId, events, now) {
    let next = state;
    for (const event of events)
        next = evolve(next, { ...event, seq: 0, streamId: taskId, version: (next?.version ?? 0) + 1, time: now });
    return next;
}
const UNIQUE_VIOLATION = '23505';
const SUBMIT_ATTEMPTS = 3;
/**
 * The PostgreSQL store. Same contract as the SQLite one: every write decides
 * with the pure domain, appends the events and writes their fold into the
 * projection in one transaction. The claim is one statement (see
 * pg-statements.ts). Each transaction also NOTIFYs the cluster of what it
 * changed; PostgreSQL delivers that only if the transaction commits.
 */
async function createPgStore(options) {
    const { pool, clock } = options;
    const names = pgNames(options.schema ?? 'baton');
    const sql = pgStatements(names);
    await migratePg({ pool, names });
    const pinnedNow = () => (clock ? clock.now() : null);
    const { borrow, transaction } = createPgConnections({ pool });
    const agents = createPgAgents({ names, pinnedNow });
    const typeControls = createPgTypeControls({ names, pinnedNow });
    const tokens = createPgTokens({ names, pinnedNow });
    const jobs = createPgJobs({ names, sql });
    const limits = createPgLimits({ pool, names, sql, pinnedNow });
    const schedules = createPgSchedules({ names, pinnedNow });
    const projectionTools = createPgProjectionTools({ pool, names, sql, transaction, afterRebuild: () => jobs.forgetParsed() });
    const reads = retryingReads(pool);
    const hot = options.hotPool ?? pool;
    const fast = createPgFastWrites({ names, pool, hot });
    const submitNow = createPgSubmitNow({ names, pinnedNow });
    const grouped = createPgReportGroups({ pool: hot, names, sql, fast, pinnedNow });
    const handedOut = createHandedOut();
    const promoteDue = createPgDuePromotion({ pool: hot, names, pinnedNow, mayBeLimited: (types) => limits.mayApply(types) });
    const prepared = (key, text, values) => preparedQuery(names, key, text, values);
    // Not fatal: a statement not prepared now is prepared on first use, and says so itself if the database is gone.
    if (options.warmHot)
        await warmHotStatements({ hot, names, sql, fast, submitNow, ...options.warmHot }).catch(() => undefined);
    const extendLeases = createPgLeaseRenewal({ pool, sql, agents, pinnedNow, transaction, append });
    // `append` and `report` are function declarations below: hoisted, so they can be handed over here.
    const jobWrites = createPgJobWrites({ pool, names, sql, pinnedNow, jobs, transaction, append, report, retryWhenBusy });
    /** Appends the decided events, writes the folded rows and notifies, in the caller's transaction. */
    async function append(q, pending, now) {
        const rows = [];
        for (const item of pending) {
            let version = item.before?.version ?? 0;
            for (const event of item.events)
                rows.push({ stream_id: item.taskId, version: ++version, type: event.type, data: event.data, time: now });
        }
        if (rows.length === 0)
            return pending.map((p) => p.before);
        const inserted = await q.query(sql.insertEvents, [eventRowsParam(rows)]);
        const seqOf = new Map(inserted.rows.map((r) => [`${r.stream_id}/${r.version}`, r.seq]));
        const changes = [];
        const results = pending.map((item) => {
            let state = item.before;
            let version = item.before?.version ?? 0;
            for (const event of item.events) {
                version += 1;
                const seq = seqOf.get(`${item.taskId}/${version}`);
                if (seq === undefined)
                    throw new Error(`store invariant broken: event ${item.taskId}/${version} was not stored`);
                state = evolve(state, { ...event, seq, streamId: item.taskId, version, time: now });
            }
            if (!state)
                throw new Error('unreachable: a decision with events produced no state');
            if (item.events.length > 0)
                changes.push({ before: item.before, after: state });
            return state;
        });
        const payload = encodeSignals(signalsOf(changes));
        const stored = JSON.stringify(changes.map((c) => taskRow(c.after)));
        await q.query(sql.upsertTasks(payload !== null), payload === null ? [stored] : [stored, names.channel, payload]);
        return results;
    }
    /**
     * One command against one task. A change that ends a job's task runs the
     * job's cascade in the same transaction, holding the job's lock, taken
     * before the task's: when it turns out the job's lock is needed and not
     * held, the transaction starts again with it.
     */
    async function report(taskId, makeCommand, jobId = null, busy = 0) {
        if (jobId === null && busy === 0) {
            const done = await reportFast(taskId, makeCommand);
            if (done)
                return done;
        }
        try {
            return await transaction(async (q) => {
                const job = jobId === null ? null : await jobs.lock(q, jobId);
                const { rows } = await q.query(sql.loadForUpdate, [taskId, pinnedNow()]);
                const row = rows[0];
                const command = makeCommand(row.now, row.doc);
                const decision = decide(row.doc, command);
                if (!decision.ok)
                    return decision;
                if (decision.value.length === 0 && row.doc)
                    return { ok: true, value: row.doc };
                const after = foldStaged(row.doc, command.taskId, decision.value, row.now);
                const ends = movesJob(row.doc, after);
                if (ends && after.jobId !== jobId)
                    throw new NeedsJobLock(after.jobId);
                const staged = new Map([[command.taskId, { before: row.doc, taskId: command.taskId, events: [...decision.value] }]]);
                const jobEvents = ends && job ? await jobWrites.settleJob(q, job, { [command.taskId]: after }, staged, row.now) : [];
                const [result] = await append(q, [...staged.values()], row.now);
                if (job && jobEvents.length)
                    await jobWrites.endJob(q, job, jobEvents, row.now);
                return { ok: true, value: result };
            });
        }
        catch (error) {
            if (error instanceof NeedsJobLock)
                return report(taskId, makeCommand, error.jobId, busy);
            if (isRowBusy(error) && busy < BUSY_ATTEMPTS) {
                await pauseBriefly();
                return report(taskId, makeCommand, jobId, busy + 1);
            }
            throw error;
        }
    }
    /**
     * The common report in two round trips and no transaction: read the row,
     * decide, and write only if the row is still at the version read. Null
     * sends the command down the locked path. That happens for a refusal, for a
     * job's task (its cascade needs the job's lock), for a retry (its queue
     * order takes the event's seq), and for a row that moved on meanwhile.
     * A success for a task this node handed out skips the read (ADR 0028).
     */
    async function reportFast(taskId, makeCommand) {
        const claimed = handedOut.take(taskId);
        if (claimed && claimed.jobId === null) {
            // A success decided against the row as this node handed it out: no read, and the write checks the version.
            const command = makeCommand(claimed.updatedAt, claimed);
            const decision = command.kind === 'Succeed' ? decide(claimed, command) : null;
            if (decision?.ok && decision.value.length > 0 && decision.value.every((e) => e.type === 'TaskSucceeded')) {
                const after = await grouped.writeStamped({ before: claimed, events: decision.value }).catch((error) => Promise.reject(translateError(error)));
                if (after)
                    return { ok: true, value: after };
            }
        }
        const row = await grouped.load(taskId);
        if (!row.doc || row.doc.jobId !== null)
            return null;
        const decision = decide(row.doc, makeCommand(row.now, row.doc));
        if (!decision.ok || decision.value.length === 0 || decision.value.some((e) => e.type === 'TaskRetried'))
            return null;
        const after = await grouped.write({ before: row.doc, events: decision.value, now: row.now }).catch((error) => Promise.reject(translateError(error)));
        return after ? { ok: true, value: after } : null;
    }
    /** Runs `fn` as a transaction, again after a short pause while a job's cascade finds a row busy. */
    async function retryWhenBusy(fn) {
        for (let busy = 0;; busy++) {
            try {
                return await transaction(fn);
            }
            catch (error) {
                if (!isRowBusy(error) || busy >= BUSY_ATTEMPTS)
                    throw error;
                await pauseBriefly();
            }
        }
    }
    /** Decides one command per locked row; every one must be accepted (the query only picked rows it applies to). */
    async function applyToAll(q, rows, command) {
        const first = rows[0];
        if (!first)
            return [];
        const pending = rows.map(({ doc }) => {
            const decision = decide(doc, command(doc, first.now));
            if (!decision.ok)
                throw new Error(`store invariant broken: ${decision.error.message}`);
            return { before: doc, taskId: doc.id, events: decision.value };
        });
        return append(q, pending, first.now);
    }
    /**
     * A submit on the application's connection, or on one hot connection taken
     * first: the time spent waiting for it (a burst queues here) is then part of
     * the elapsed time the delays are shortened by. Tasks with no key and no
     * absolute time go in one statement, which alone hands tasks over (ADR
     * 0026); the rest read the keys and the clock first, and are not handed over.
     */
    async function submitIn(q, accepted, options) {
        const { handoff } = options;
        // Nothing to read first: one statement, one round trip.
        if ('hotConnection' in q && submitsInOneStatement(accepted)) {
            const handoffTypes = handoff ? [...new Set(accepted.filter((t) => handoff.agents.has(t.taskId)).map((t) => t.taskType))] : [];
            const limited = handoffTypes.length > 0 && (await limits.mayApply(handoffTypes));
            const created = await submitNow.submit(q.hotConnection, accepted, {
                ...(handoff ? { handoff } : {}),
                ...(options.sinceAccepted ? { sinceAccepted: options.sinceAccepted } : {}),
                handoffLimited: limited,
            });
            return created.map((task) => ({ task, created: true }));
        }
        const keys = [...new Set(accepted.map((t) => t.idempotencyKey).filter((k) => k !== null))];
        const tasks = delaysFromAcceptance(accepted, options.sinceAccepted?.() ?? 0);
        const values = [pinnedNow(), keys];
        const { rows } = 'hotConnection' in q ? await q.hotConnection.query(prepared('load_for_submit', sql.loadForSubmit, values)) : await q.query(sql.loadForSubmit, values);
        const { now, existing } = rows[0];
        const byKey = new Map(existing.map((t) => [t.idempotencyKey, t]));
        const fresh = new Map();
        const pending = [];
        const plan = tasks.map((task) => {
            const key = task.idempotencyKey;
            if (key !== null) {
                const found = byKey.get(key);
                if (found)
                    return { kind: 'existing', task: found };
                const index = fresh.get(key);
                if (index !== undefined)
                    return { kind: 'repeat', index };
                fresh.set(key, pending.length);
            }
            const decision = decide(null, { kind: 'Submit', ...task, now });
            if (!decision.ok)
                throw new BatonError({ code: decision.error.code, message: decision.error.message, taskId: task.taskId });
            pending.push({ before: null, taskId: task.taskId, events: decision.value });
            return { kind: 'created', index: pending.length - 1 };
        });
        const created = await fast.insert(q, pending, now);
        return plan.map((p) => (p.kind === 'existing' ? { task: p.task, created: false } : { task: created[p.index], created: p.kind === 'created' }));
    }
    return {
        async submit({ tasks, connection, sinceAccepted, handoff }) {
            // In the application's transaction: its commit is ours, and a conflict is its to retry. Nothing is handed over
            // there: an agent would start a task the application may yet roll back.
            if (connection)
                return submitIn(connection, tasks, { ...(sinceAccepted ? { sinceAccepted } : {}) }).catch((error) => Promise.reject(translateError(error)));
            for (let attempt = 1;; attempt++) {
                try {
                    // One statement writes every new task and its event: atomic without a transaction of our own.
                    const outcomes = await borrow(hot, (client) => submitIn({ hotConnection: client }, tasks, { ...(sinceAccepted ? { sinceAccepted } : {}), ...(handoff ? { handoff } : {}) }));
                    if (handoff)
                        handedOut.remember(outcomes.map((o) => o.task));
                    return outcomes;
                }
                catch (error) {
                    // Another node committed the same idempotency key between our read and our insert: read again.
                    if (error.code !== UNIQUE_VIOLATION || attempt >= SUBMIT_ATTEMPTS)
                        throw error;
                }
            }
        },
        async claim({ agentId, types, limit, leaseMs }) {
            if (types.length === 0 || limit <= 0)
                return [];
            const { rows } = await hot.query(prepared('claim', sql.claim, [[...types], limit, agentId, pinnedNow(), leaseMs]));
            const claimed = rows.map((r) => r.doc);
            try {
                // Slots left, and limits that may cover these types: the limited claim, under its lock.
                if (claimed.length < limit && (await limits.mayApply(types))) {
                    claimed.push(...(await transaction((q) => limits.claim(q, { agentId, types, limit: limit - claimed.length, leaseMs }))));
                }
            }
            catch (error) {
                // What the first statement claimed is committed: failing now would leave it to its lease, unrun.
                if (claimed.length === 0)
                    throw error;
            }
            handedOut.remember(claimed);
            return claimed;
        },
        succeed: ({ taskId, token, result }) => report(taskId, () => ({ kind: 'Succeed', taskId, token, result })),
        fail: ({ taskId, token, error, retryable, random, retryAfterMs }) => report(taskId, (now) => ({ kind: 'Fail', taskId, token, error, retryable, random, now, retryAfterMs: retryAfterMs ?? null })),
        release: ({ taskId, token, reason }) => report(taskId, () => ({ kind: 'Release', taskId, token, reason })),
        cancel: ({ taskId, reason }) => report(taskId, () => ({ kind: 'Cancel', taskId, reason })),
        confirmCancel: ({ taskId, token }) => report(taskId, () => ({ kind: 'ConfirmCancel', taskId, token })),
        progress: ({ taskId, token, progress }) => report(taskId, () => ({ kind: 'ReportProgress', taskId, token, progress })),
        retry: ({ taskId, attempts, reason }) => report(taskId, () => ({ kind: 'Retry', taskId, attempts, reason })),
        pauseType: ({ taskType, reason }) => transaction((q) => typeControls.apply(q, { kind: 'PauseType', taskType, reason })),
        resumeType: ({ taskType }) => transaction((q) => typeControls.apply(q, { kind: 'ResumeType', taskType })),
        listTypeControls: () => typeControls.list(reads),
        setLimits: ({ scope, concurrency, rate }) => transaction((q) => limits.set(q, { kind: 'SetLimits', scope, concurrency, rate })),
        listLimits: () => limits.list(reads),
        limitUsage: ({ scopes }) => limits.usage(reads, scopes),
        applySchedule: ({ command }) => transaction((q) => schedules.apply(q, command)),
        listSchedules: () => schedules.list(reads),
        issueToken: ({ tokenId, name, scopes, hash, onlyIfNone }) => transaction((q) => (onlyIfNone ? tokens.issueFirst : tokens.apply)(q, { kind: 'IssueToken', tokenId, name, scopes, hash })),
        revokeToken: ({ tokenId, reason }) => transaction((q) => tokens.apply(q, { kind: 'RevokeToken', tokenId, reason })),
        getToken: ({ tokenId }) => tokens.get(reads, tokenId),
        listTokens: () => tokens.list(reads),
        registerAgent: ({ agent, leaseMs }) => transaction((q) => agents.register(q, agent, leaseMs)),
        stopAgent: ({ agentId, reason }) => transaction((q) => agents.stop(q, agentId, reason)),
        expireAgents: ({ limit }) => transaction((q) => agents.expire(q, limit)),
        listAgents: ({ states }) => agents.list(reads, states),
        getAgent: ({ agentId }) => agents.get(reads, agentId),
        extendLeases(params) {
            handedOut.forget(params.leases.map((l) => l.taskId));
            return extendLeases(params);
        },
        async expireLeases({ limit, random }) {
            const rescued = await transaction(async (q) => {
                const { rows } = await q.query(sql.expiredForUpdate, [pinnedNow(), limit]);
                return applyToAll(q, rows, (task, now) => ({ kind: 'ExpireLease', taskId: task.id, token: task.token, now, random: random() }));
            });
            // A job's task may end here (its last attempt), so each goes through the job-locked path.
            const { rows } = await pool.query(sql.expiredInJobs, [pinnedNow(), limit]);
            for (const { id } of rows) {
                const decision = await report(id, (now, state) => ({ kind: 'ExpireLease', taskId: id, token: state?.token ?? 0, now, random: random() }));
                if (decision.ok)
                    rescued.push(decision.value);
            }
            return rescued;
        },
        ...jobWrites.methods,
        async promoteDue(params) {
            const promoted = await promoteDue(params);
            if (params.handoff)
                handedOut.remember(promoted);
            return promoted;
        },
        ...createPgReads({ reads, sql }),
        ...projectionTools,
        async ping() {
            const { rows } = await pool.query(sql.ping);
            if (!rows[0].writable)
                throw new Error('the database is read-only (in recovery)');
        },
        async close() {
            if (options.endPoolOnClose)
                await Promise.all([pool.end(), hot === pool ? null : hot.end()]);
        },
    };
}
export { createPgStore };
//# sourceMappingURL=pg-store.js.map