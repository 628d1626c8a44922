import { decideSchedule, evolveSchedule, scheduleStreamId, type ScheduleCommand, type ScheduleView, type SqlConnection } from '@baton/core';
import { foldNewEvents } from '../stream-append.js';
import { nowSql, type PgNames } from './pg-schema.js';
import { eventInsertSql, eventRowsParam } from './pg-event-log.js';

/** Schedules on PostgreSQL, in the caller's transaction; the row lock serializes two nodes recording one tick. */
function createPgSchedules(params: { names: PgNames; pinnedNow: () => number | null }) {
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
    async apply(q: SqlConnection, command: ScheduleCommand): Promise<ScheduleView | null> {
      const { rows } = await q.query(sql.load, [command.name, pinnedNow()]);
      const { now, doc: state } = rows[0] as { now: number; doc: ScheduleView | null };
      const { next, rows: events } = foldNewEvents({ state, streamId: scheduleStreamId(command.name), events: decideSchedule(state, command), now, evolve: evolveSchedule });
      if (events.length) await q.query(sql.insertEvents, [eventRowsParam(events)]);
      if (next && next !== state) await q.query(sql.upsert, [next.name, !next.removed, next.version, JSON.stringify(next)]);
      return next;
    },
    async list(q: SqlConnection): Promise<ScheduleView[]> {
      return ((await q.query(sql.active)).rows as { doc: ScheduleView }[]).map((r) => r.doc);
    },
  };
}

export { createPgSchedules };
