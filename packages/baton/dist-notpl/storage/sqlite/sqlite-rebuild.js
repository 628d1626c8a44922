import { createReplay } from '@baton/core';
import { toStoredEvent } from './sqlite-event-log.js';
/**
 * Rewrites every projection table from the fold of the log. Call inside an
 * IMMEDIATE transaction: it holds the write lock, so nothing is appended
 * between the read of the log and the swap.
 */
function rebuildSqliteProjections(params) {
    const { db } = params;
    const replay = createReplay();
    const page = db.prepare('SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?');
    for (let after = 0;;) {
        const rows = page.all(after, 10_000);
        for (const r of rows)
            replay.add(toStoredEvent(r));
        const last = rows[rows.length - 1];
        if (!last || rows.length < 10_000)
            break;
        after = last.seq;
    }
    const { projections, events } = replay.result();
    for (const table of ['tasks', 'jobs', 'agents', 'task_types', 'api_tokens', 'flow_limits', 'schedules'])
        db.prepare(`DELETE FROM ${table}`).run();
    for (const task of projections.task.values())
        params.writeTask(task);
    const insert = (sql) => db.prepare(sql);
    const jobs = insert('INSERT INTO jobs (id, state, submit_seq, version, doc) VALUES (?, ?, ?, ?, ?)');
    for (const j of projections.job.values())
        jobs.run(j.id, j.state, j.submitSeq, j.version, JSON.stringify(j));
    const small = (table, key, flag, flagOf, docs) => {
        const statement = insert(`INSERT INTO ${table} (${key}, ${flag}, version, doc) VALUES (?, ?, ?, ?)`);
        for (const doc of docs) {
            const value = flagOf(doc);
            statement.run(doc[key], typeof value === 'boolean' ? (value ? 1 : 0) : value, doc.version, JSON.stringify(doc));
        }
    };
    small('agents', 'id', 'state', (d) => d.state, projections.agent.values());
    small('task_types', 'type', 'paused', (d) => d.paused, projections.type.values());
    small('api_tokens', 'id', 'revoked', (d) => d.revoked, projections.token.values());
    small('flow_limits', 'scope', 'active', (d) => d.concurrency !== null || d.rate !== null, projections.limits.values());
    small('schedules', 'name', 'active', (d) => !d.removed, projections.schedule.values());
    return { events };
}
export { rebuildSqliteProjections };
//# sourceMappingURL=sqlite-rebuild.js.map