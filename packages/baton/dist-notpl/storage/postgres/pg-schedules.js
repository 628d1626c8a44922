import { decideSchedule, evolveSchedule, scheduleStreamId } from '@baton/core';
import { foldNewEvents } from '../stream-append.js';
import { nowSql } from './pg-schema.js';
import { eventInsertSql, eventRowsParam } from './pg-event-log.js';
/** Schedules on PostgreSQL, in the caller's transaction; the row lock serializes two nodes recording one tick. */
function createPgSchedules(params) {
    const { names, pinnedNow } = params;
    const table = names.table('schedules');
    const sql = {
        load: `SELECT ${nowSql('$2')}::float8 AS now, (SELECT doc FROM ${table} WHERE name = $1 FOR UPDATE) AS doc`,
        insertEvents: eventInsertSql(names),
        upsert: `INSERT INTO ${table} (name, active, version, doc) VALUES ($1, $2, $3, $4::jsonb)
      ON CONFLICT (name) DO UPDATE SET active = excluded.active, version = excluded.version, doc = excluded.doc`,
        active: `SELECT doc FROM ${table} WHERE active ORDER BY name`,
    };
    return {
        async apply(q, command) {
            const { rows } = await q.query(sql.load, [command.name, pinnedNow()]);
            const { now, doc: state } = rows[0];
            const { next, rows: events } = foldNewEvents({ state, streamId: scheduleStreamId(command.name), events: decideSchedule(state, command), now, evolve: evolveSchedule });
            if (events.length)
                await q.query(sql.insertEvents, [eventRowsParam(events)]);
            if (next && next !== state)
                await q.query(sql.upsert, [next.name, !next.removed, next.version, JSON.stringify(next)]);
            return next;
        },
        async list(q) {
            return (await q.query(sql.active)).rows.map((r) => r.doc);
        },
    };
}
export { createPgSchedules };
//# sourceMappingURL=pg-schedules.js.map