import type Database from 'better-sqlite3';
import { foldNewEvents } from '../stream-append.js';
import { decideTypeControl, evolveTypeControl, typeStreamId, type TypeControlCommand, type TypeControlView } from '@baton/core';
import { createEventInsert } from './sqlite-event-log.js';

/** Pause and resume of task types on SQLite; each call runs inside the caller's transaction. */
function createSqliteTypeControls(db: Database.Database) {
  const sql = {
    load: db.prepare<[string], { doc: string }>('SELECT doc FROM task_types WHERE type = ?'),
    insertEvent: createEventInsert(db),
    upsert: db.prepare(
      `INSERT INTO task_types (type, paused, version, doc) VALUES (@type, @paused, @version, @doc)
       ON CONFLICT (type) DO UPDATE SET paused = excluded.paused, version = excluded.version, doc = excluded.doc`,
    ),
    all: db.prepare<[], { doc: string }>('SELECT doc FROM task_types ORDER BY type'),
  };

  function apply(command: TypeControlCommand, now: number): TypeControlView {
    const row = sql.load.get(command.taskType);
    const state = row ? (JSON.parse(row.doc) as TypeControlView) : null;
    const { next, rows } = foldNewEvents({ state, streamId: typeStreamId(command.taskType), events: decideTypeControl(state, command), now, evolve: evolveTypeControl });
    for (const r of rows) sql.insertEvent(r);
    if (!next) return { type: command.taskType, paused: false, reason: null, updatedAt: now, version: 0 };
    if (next !== state) sql.upsert.run({ type: next.type, paused: next.paused ? 1 : 0, version: next.version, doc: JSON.stringify(next) });
    return next;
  }

  return {
    apply,
    list: (): TypeControlView[] => sql.all.all().map((r) => JSON.parse(r.doc) as TypeControlView),
  };
}

export { createSqliteTypeControls };
