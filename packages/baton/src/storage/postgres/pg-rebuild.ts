import type pg from 'pg';
import { createReplay, type SqlConnection, type StoredEvent, type TaskStore } from '@baton/core';
import type { PgNames } from './pg-schema.js';
import type { PgStatements } from './pg-statements.js';

const PAGE = 10_000;
const BATCH = 1_000;

/**
 * Rewrites every projection table from the fold of the log, in the caller's
 * transaction. It first locks the projection tables, then the log, in the
 * order writers take them (a row, then its event), so writers wait for it
 * and readers wait only for the swap.
 */
async function rebuildPgProjections(params: { q: SqlConnection; names: PgNames; sql: PgStatements }): Promise<{ events: number }> {
  const { q, names, sql } = params;
  const tables = ['tasks', 'jobs', 'agents', 'task_types', 'api_tokens', 'flow_limits', 'schedules'] as const;
  await q.query(`LOCK TABLE ${[...tables, 'events' as const].map((t) => names.table(t)).join(', ')} IN ACCESS EXCLUSIVE MODE`);
  const replay = createReplay();
  for (let after = 0; ; ) {
    const { rows } = await q.query(sql.all, [after, PAGE]);
    const page = rows as (Omit<StoredEvent, 'streamId'> & { stream_id: string })[];
    for (const r of page) replay.add({ seq: r.seq, streamId: r.stream_id, version: r.version, type: r.type, data: r.data, time: r.time });
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) break;
    after = last.seq;
  }
  const { projections, events } = replay.result();
  await q.query(`TRUNCATE ${tables.map((t) => names.table(t)).join(', ')}`);
  const inBatches = async (docs: unknown[], write: (json: string) => Promise<unknown>) => {
    for (let i = 0; i < docs.length; i += BATCH) await write(JSON.stringify(docs.slice(i, i + BATCH)));
  };
  await inBatches([...projections.task.values()], (json) => q.query(sql.upsertTasks(false), [json]));
  await inBatches([...projections.job.values()], (json) => q.query(sql.upsertJobs, [json]));
  const small = (table: (typeof tables)[number], key: string, flag: string, flagSql: string, docs: unknown[]) =>
    inBatches(docs, (json) => q.query(`INSERT INTO ${names.table(table)} (${key}, ${flag}, version, doc) SELECT d->>'${key}', ${flagSql}, (d->>'version')::integer, d FROM jsonb_array_elements($1::jsonb) AS d`, [json]));
  await small('agents', 'id', 'state', "d->>'state'", [...projections.agent.values()]);
  await small('task_types', 'type', 'paused', "(d->>'paused')::boolean", [...projections.type.values()]);
  await small('api_tokens', 'id', 'revoked', "(d->>'revoked')::boolean", [...projections.token.values()]);
  await small('flow_limits', 'scope', 'active', "(d->'concurrency' <> 'null'::jsonb OR d->'rate' <> 'null'::jsonb)", [...projections.limits.values()]);
  await small('schedules', 'name', 'active', "NOT (d->>'removed')::boolean", [...projections.schedule.values()]);
  return { events };
}

/** The store's replay tools: every projection as stored, and the rebuild (tried again if PostgreSQL ends it to break a deadlock). */
function createPgProjectionTools(params: {
  pool: pg.Pool;
  names: PgNames;
  sql: PgStatements;
  transaction: <T>(fn: (q: SqlConnection) => Promise<T>) => Promise<T>;
}): Pick<TaskStore, 'rebuildProjections' | 'dumpProjections' | 'archiveCandidates' | 'removeArchived'> {
  const { pool, names, sql, transaction } = params;
  const tasks = names.table('tasks');
  const events = names.table('events');
  return {
    async archiveCandidates({ types, endedBefore, limit }) {
      if (types.length === 0) return [];
      const { rows } = await pool.query(
        `SELECT id, version FROM ${tasks} WHERE state IN ('succeeded', 'failed', 'cancelled') AND job_id IS NULL
           AND type = ANY($1::text[]) AND (doc->>'updatedAt')::bigint < $2 ORDER BY submit_seq LIMIT $3`,
        [[...types], endedBefore, limit],
      );
      const found = rows as { id: string; version: number }[];
      return Promise.all(
        found.map(async (r) => ({
          taskId: r.id,
          version: r.version,
          events: ((await pool.query(sql.stream, [r.id])).rows as (Omit<StoredEvent, 'streamId'> & { stream_id: string })[]).map((e) => ({ seq: e.seq, streamId: e.stream_id, version: e.version, type: e.type, data: e.data, time: e.time })),
        })),
      );
    },
    removeArchived: ({ tasks: wanted }) =>
      transaction(async (q) => {
        const { rows } = await q.query(
          `DELETE FROM ${tasks} t USING unnest($1::text[], $2::int[]) AS w(id, version)
             WHERE t.id = w.id AND t.version = w.version AND t.state IN ('succeeded', 'failed', 'cancelled') RETURNING t.id`,
          [wanted.map((w) => w.taskId), wanted.map((w) => w.version)],
        );
        const removed = (rows as { id: string }[]).map((r) => r.id);
        if (removed.length) await q.query(`DELETE FROM ${events} WHERE stream_id = ANY($1::text[])`, [removed]);
        return removed;
      }),
    async rebuildProjections() {
      for (let attempt = 1; ; attempt++) {
        try {
          return await transaction((q) => rebuildPgProjections({ q, names, sql }));
        } catch (error) {
          // A writer that locked a job before its tasks can cross the rebuild's locks; PostgreSQL ends one of the two.
          if ((error as { code?: string }).code !== '40P01' || attempt >= 3) throw error;
        }
      }
    },
    async dumpProjections() {
      const docs = async (table: Parameters<typeof names.table>[0]) => ((await pool.query(`SELECT doc FROM ${names.table(table)}`)).rows as { doc: unknown }[]).map((r) => r.doc);
      const [task, job, agent, type, token, limits, schedule] = await Promise.all([docs('tasks'), docs('jobs'), docs('agents'), docs('task_types'), docs('api_tokens'), docs('flow_limits'), docs('schedules')]);
      return { task, job, agent, type, token, limits, schedule };
    },
  };
}

export { rebuildPgProjections, createPgProjectionTools };
