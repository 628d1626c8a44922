import { capacityOf, decideLimits, evolveLimits, limitsStreamId } from '@baton/core';
import { foldNewEvents } from '../stream-append.js';
import { createEventInsert } from './sqlite-event-log.js';
/**
 * Concurrency and rate limits on SQLite. The aggregate (`limits:<scope>`
 * streams, `flow_limits` projection) and, inside the claim's transaction (one
 * writer at a time, so the counts are exact), what the limits allow now.
 */
function createSqliteLimits(db) {
    const sql = {
        load: db.prepare('SELECT doc FROM flow_limits WHERE scope = ?'),
        insertEvent: createEventInsert(db),
        upsert: db.prepare(`INSERT INTO flow_limits (scope, active, version, doc) VALUES (@scope, @active, @version, @doc)
       ON CONFLICT (scope) DO UPDATE SET active = excluded.active, version = excluded.version, doc = excluded.doc`),
        all: db.prepare('SELECT doc FROM flow_limits ORDER BY scope'),
        active: db.prepare('SELECT doc FROM flow_limits WHERE active = 1'),
        runningByType: db.prepare(`SELECT type, count(*) AS n FROM tasks WHERE state = 'running' GROUP BY type`),
        runningByKey: db.prepare(`SELECT limit_key AS key, count(*) AS n FROM tasks WHERE state = 'running' AND limit_key IS NOT NULL GROUP BY limit_key`),
        prune: db.prepare('DELETE FROM task_starts WHERE scope = ? AND started_at <= ?'),
        recent: db.prepare('SELECT count(*) AS n FROM task_starts WHERE scope = ? AND started_at > ?'),
        start: db.prepare('INSERT INTO task_starts (scope, started_at) VALUES (?, ?)'),
        recentWithOldest: db.prepare('SELECT count(*) AS n, min(started_at) AS oldest FROM task_starts WHERE scope = ? AND started_at > ?'),
    };
    const parse = (row) => JSON.parse(row.doc);
    return {
        set(command, now) {
            const row = sql.load.get(command.scope);
            const state = row ? parse(row) : null;
            const { next, rows } = foldNewEvents({ state, streamId: limitsStreamId(command.scope), events: decideLimits(state, command), now, evolve: evolveLimits });
            for (const r of rows)
                sql.insertEvent(r);
            if (!next)
                return { scope: command.scope, concurrency: null, rate: null, updatedAt: now, version: 0 };
            if (next !== state)
                sql.upsert.run({ scope: next.scope, active: next.concurrency !== null || next.rate !== null ? 1 : 0, version: next.version, doc: JSON.stringify(next) });
            return next;
        },
        list: () => sql.all.all().map(parse),
        /** The limits on these scopes with their use at `now` (for explaining a wait). */
        usage(scopes, now) {
            const limits = scopes.map((scope) => sql.load.get(scope)).flatMap((row) => (row ? [parse(row)] : [])).filter((l) => l.concurrency !== null || l.rate !== null);
            if (limits.length === 0)
                return [];
            const running = new Map();
            for (const r of sql.runningByType.all())
                running.set(`type:${r.type}`, r.n);
            for (const r of sql.runningByKey.all())
                running.set(`key:${r.key}`, r.n);
            return limits.map((l) => {
                const recent = l.rate ? sql.recentWithOldest.get(l.scope, now - l.rate.intervalMs) : undefined;
                return {
                    scope: l.scope,
                    concurrency: l.concurrency,
                    running: running.get(l.scope) ?? 0,
                    rate: l.rate && { ...l.rate, recentStarts: recent?.n ?? 0, oldestRecentStart: recent?.oldest ?? null },
                };
            });
        },
        /** Null when no limit is set anywhere: the claim needs no counting. Call inside the claim's transaction. */
        window(now) {
            const limits = sql.active.all().map(parse);
            if (limits.length === 0)
                return null;
            const running = new Map();
            for (const r of sql.runningByType.all())
                running.set(`type:${r.type}`, r.n);
            for (const r of sql.runningByKey.all())
                running.set(`key:${r.key}`, r.n);
            const recentStarts = new Map();
            for (const l of limits) {
                if (!l.rate)
                    continue;
                sql.prune.run(l.scope, now - l.rate.intervalMs);
                recentStarts.set(l.scope, sql.recent.get(l.scope, now - l.rate.intervalMs)?.n ?? 0);
            }
            const capacity = capacityOf({ limits, running, recentStarts });
            const full = [...capacity].filter(([, left]) => left <= 0).map(([scope]) => scope);
            const rateLimited = new Set(limits.filter((l) => l.rate).map((l) => l.scope));
            return {
                capacity,
                fullTypes: full.filter((s) => s.startsWith('type:')).map((s) => s.slice(5)),
                fullKeys: full.filter((s) => s.startsWith('key:')).map((s) => s.slice(4)),
                started(tasks, at) {
                    for (const task of tasks) {
                        for (const scope of [`type:${task.type}`, ...(task.limitKey ? [`key:${task.limitKey}`] : [])])
                            if (rateLimited.has(scope))
                                sql.start.run(scope, at);
                    }
                },
            };
        },
    };
}
export { createSqliteLimits };
//# sourceMappingURL=sqlite-limits.js.map