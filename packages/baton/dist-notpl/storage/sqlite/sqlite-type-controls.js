import { foldNewEvents } from '../stream-append.js';
import { decideTypeControl, evolveTypeControl, typeStreamId } from '@baton/core';
import { createEventInsert } from './sqlite-event-log.js';
/** Pause and resume of task types on SQLite; each call runs inside the caller's transaction. */
function createSqliteTypeControls(db) {
    const sql = {
        load: db.prepare('SELECT doc FROM task_types WHERE type = ?'),
        insertEvent: createEventInsert(db),
        upsert: db.prepare(`INSERT INTO task_types (type, paused, version, doc) VALUES (@type, @paused, @version, @doc)
       ON CONFLICT (type) DO UPDATE SET paused = excluded.paused, version = excluded.version, doc = excluded.doc`),
        all: db.prepare('SELECT doc FROM task_types ORDER BY type'),
    };
    function apply(command, now) {
        const row = sql.load.get(command.taskType);
        const state = row ? JSON.parse(row.doc) : null;
        const { next, rows } = foldNewEvents({ state, streamId: typeStreamId(command.taskType), events: decideTypeControl(state, command), now, evolve: evolveTypeControl });
        for (const r of rows)
            sql.insertEvent(r);
        if (!next)
            return { type: command.taskType, paused: false, reason: null, updatedAt: now, version: 0 };
        if (next !== state)
            sql.upsert.run({ type: next.type, paused: next.paused ? 1 : 0, version: next.version, doc: JSON.stringify(next) });
        return next;
    }
    return {
        apply,
        list: () => sql.all.all().map((r) => JSON.parse(r.doc)),
    };
}
export { createSqliteTypeControls };
//# sourceMappingURL=sqlite-type-controls.js.map