import { decideSchedule, evolveSchedule, scheduleStreamId } from '@baton/core';
import { foldNewEvents } from '../stream-append.js';
import { createEventInsert } from './sqlite-event-log.js';
/** Schedules on SQLite: the `schedule:<name>` streams and their projection; each call runs in the caller's transaction. */
function createSqliteSchedules(db) {
    const sql = {
        load: db.prepare('SELECT doc FROM schedules WHERE name = ?'),
        insertEvent: createEventInsert(db),
        upsert: db.prepare(`INSERT INTO schedules (name, active, version, doc) VALUES (@name, @active, @version, @doc)
       ON CONFLICT (name) DO UPDATE SET active = excluded.active, version = excluded.version, doc = excluded.doc`),
        active: db.prepare('SELECT doc FROM schedules WHERE active = 1 ORDER BY name'),
    };
    return {
        apply(command, now) {
            const row = sql.load.get(command.name);
            const state = row ? JSON.parse(row.doc) : null;
            const { next, rows } = foldNewEvents({ state, streamId: scheduleStreamId(command.name), events: decideSchedule(state, command), now, evolve: evolveSchedule });
            for (const r of rows)
                sql.insertEvent(r);
            if (next && next !== state)
                sql.upsert.run({ name: next.name, active: next.removed ? 0 : 1, version: next.version, doc: JSON.stringify(next) });
            return next;
        },
        list: () => sql.active.all().map((r) => JSON.parse(r.doc)),
    };
}
export { createSqliteSchedules };
//# sourceMappingURL=sqlite-schedules.js.map