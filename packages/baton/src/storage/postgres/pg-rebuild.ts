import type pg from 'pg';
import type { SqlConnection, StoredEvent, TaskStore } from '@baton/core';
import { rebuildPgOnline } from './pg-online-rebuild.js';
import type { PgNames } from './pg-schema.js';
import type { PgStatements } from './pg-statements.js';
import { toStoredEvent, type EventRow } from './pg-event-log.js';
import { taskDocSql } from './pg-task-row.js';

/** The store's replay tools: every projection as stored, the online rebuild, and what retention archives and removes. */
function createPgProjectionTools(params: {
  pool: pg.Pool;
  names: PgNames;
  sql: PgStatements;
  transaction: <T>(fn: (q: SqlConnection) => Promise<T>) => Promise<T>;
  /** Told once rebuilt tables are in place, so that nothing read from the old rows is kept. */
  afterRebuild: () => void;
}): Pick<TaskStore, 'rebuildProjections' | 'dumpProjections' | 'archiveCandidates' | 'removeArchived'> {
  const { pool, names, sql, transaction, afterRebuild } = params;
  const tasks = names.table('tasks');
  const events = names.table('events');
  return {
    async archiveCandidates({ types, endedBefore, limit }) {
      if (types.length === 0) return [];
      const { rows } = await pool.query(
        `SELECT id, version FROM ${tasks} WHERE state IN ('succeeded', 'failed', 'cancelled') AND job_id IS NULL
           AND type = ANY($1::text[]) AND COALESCE(updated_at, (doc->>'updatedAt')::bigint) < $2 ORDER BY submit_seq LIMIT $3`,
        [[...types], endedBefore, limit],
      );
      const found = rows as { id: string; version: number }[];
      if (found.length === 0) return [];
      // One read for every candidate's stream, split by stream: each comes in version order.
      const events = ((await pool.query(sql.streams, [found.map((r) => r.id)])).rows as EventRow[]).map(toStoredEvent);
      const byStream = new Map<string, StoredEvent[]>(found.map((r) => [r.id, []]));
      for (const event of events) byStream.get(event.streamId)?.push(event);
      return found.map((r) => ({ taskId: r.id, version: r.version, events: byStream.get(r.id) ?? [] }));
    },
    removeArchived: ({ tasks: wanted }) =>
      transaction(async (q) => {
        const { rows } = await q.query(
          `DELETE FROM ${tasks} t USING unnest($1::text[], $2::int[]) AS w(id, version)
             WHERE t.id = w.id AND t.version = w.version AND t.state IN ('succeeded', 'failed', 'cancelled') RETURNING t.id, t.submit_seq::text AS submit_seq`,
          [wanted.map((w) => w.taskId), wanted.map((w) => w.version)],
        );
        const gone = rows as { id: string; submit_seq: string }[];
        const removed = gone.map((r) => r.id);
        if (removed.length) {
          const touched = (await q.query(sql.unbatch, [gone.map((r) => r.submit_seq)])).rows as { seq: string; emptied: boolean }[];
          const empty = touched.filter((r) => r.emptied).map((r) => r.seq);
          if (empty.length) await q.query(`DELETE FROM ${events} WHERE seq = ANY($1::bigint[])`, [empty]);
          await q.query(`DELETE FROM ${events} WHERE stream_id = ANY($1::text[])`, [removed]);
        }
        return removed;
      }),
    async rebuildProjections() {
      const report = await rebuildPgOnline({ pool, names, transaction });
      afterRebuild();
      return report;
    },
    async dumpProjections() {
      const docs = async (table: Parameters<typeof names.table>[0]) => {
        const doc = table === 'tasks' ? taskDocSql('t') : 't.doc';
        return ((await pool.query(`SELECT ${doc} AS doc FROM ${names.table(table)} t`)).rows as { doc: unknown }[]).map((r) => r.doc);
      };
      const [task, job, agent, type, token, limits, schedule] = await Promise.all([docs('tasks'), docs('jobs'), docs('agents'), docs('task_types'), docs('api_tokens'), docs('flow_limits'), docs('schedules')]);
      return { task, job, agent, type, token, limits, schedule };
    },
  };
}

export { createPgProjectionTools };
