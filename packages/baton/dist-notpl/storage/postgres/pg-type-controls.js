import { decideTypeControl, evolveTypeControl, typeStreamId } from '@baton/core';
import { foldNewEvents } from '../stream-append.js';
import { encodeSignals } from './pg-signals.js';
import { nowSql } from './pg-schema.js';
import { eventInsertSql, eventRowsParam } from './pg-event-log.js';
/**
 * Pause and resume of task types on PostgreSQL, in the caller's transaction.
 * A resume notifies the cluster that the type's tasks are ready again.
 */
function createPgTypeControls(params) {
    const { names, pinnedNow } = params;
    const table = names.table('task_types');
    const sql = {
        load: `SELECT ${nowSql('$2')}::float8 AS now, (SELECT doc FROM ${table} WHERE type = $1 FOR UPDATE) AS doc`,
        insertEvents: eventInsertSql(names),
        upsert: `INSERT INTO ${table} (type, paused, version, doc) VALUES ($1, $2, $3, $4::jsonb)
      ON CONFLICT (type) DO UPDATE SET paused = excluded.paused, version = excluded.version, doc = excluded.doc`,
        notify: 'SELECT pg_notify($1, $2)',
        all: `SELECT doc FROM ${table} ORDER BY type`,
    };
    return {
        async apply(q, command) {
            const { rows } = await q.query(sql.load, [command.taskType, pinnedNow()]);
            const { now, doc: state } = rows[0];
            const { next, rows: events } = foldNewEvents({ state, streamId: typeStreamId(command.taskType), events: decideTypeControl(state, command), now, evolve: evolveTypeControl });
            if (events.length)
                await q.query(sql.insertEvents, [eventRowsParam(events)]);
            if (!next)
                return { type: command.taskType, paused: false, reason: null, updatedAt: now, version: 0 };
            if (next !== state) {
                await q.query(sql.upsert, [next.type, next.paused, next.version, JSON.stringify(next)]);
                if (!next.paused)
                    await q.query(sql.notify, [names.channel, encodeSignals([{ kind: 'ready', types: [next.type] }])]);
            }
            return next;
        },
        async list(q) {
            return (await q.query(sql.all)).rows.map((r) => r.doc);
        },
    };
}
export { createPgTypeControls };
//# sourceMappingURL=pg-type-controls.js.map