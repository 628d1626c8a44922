import type pg from 'pg';
import { currentTypeVersion, type TaskView } from '@baton/core';
import { preparedQuery } from './pg-fast-writes.js';
import { nowSql, type PgNames } from './pg-schema.js';

/** Rows per statement: 100 promoted types at most keep the NOTIFY payload well under PostgreSQL's 8000 bytes. */
const MAX_BATCH = 100;

/**
 * Due tasks made ready in one statement and one round trip: it locks the
 * due rows (skipping those another node holds), moves them to queued, appends
 * their TaskReady events and tells the cluster which types are ready. The doc
 * is patched exactly as `evolve` folds TaskReady; the contract suite holds it
 * to that, as for the claim. $1 pinned now, $2 limit, $3 channel.
 *
 * The time between a task's due time and its start is what delayed work is
 * judged on. The two-round-trip version this replaces (a read, then a write
 * checked by version) put 4 ms between TaskReady and the claim that followed.
 */
function promoteStatement(names: PgNames): string {
  const tasks = names.table('tasks');
  return `WITH n AS (SELECT ${nowSql('$1')} AS ms),
    picked AS (
      SELECT t.id FROM ${tasks} t, n WHERE t.state = 'scheduled' AND t.run_at <= n.ms
      ORDER BY t.run_at, t.submit_seq LIMIT $2 FOR UPDATE OF t SKIP LOCKED),
    promoted AS (
      UPDATE ${tasks} AS t SET state = 'queued', version = t.version + 1,
        doc = t.doc || jsonb_build_object('state', 'queued', 'updatedAt', n.ms, 'version', t.version + 1)
      FROM picked, n WHERE t.id = picked.id
      RETURNING t.id, t.version, t.type, t.doc, n.ms AS now_ms, t.run_at, t.submit_seq),
    logged AS (
      INSERT INTO ${names.table('events')} (stream_id, version, type, type_version, data, time)
      SELECT id, version, 'TaskReady', ${currentTypeVersion('TaskReady')}, '{}'::jsonb, now_ms FROM promoted ORDER BY run_at, submit_seq
      RETURNING 1),
    types AS (SELECT jsonb_agg(DISTINCT type) AS r FROM promoted)
    SELECT (SELECT COALESCE(jsonb_agg(doc ORDER BY run_at, submit_seq), '[]'::jsonb) FROM promoted) AS docs,
      (SELECT count(*) FROM logged)::int AS logged,
      (SELECT pg_notify($3, jsonb_build_object('r', r)::text) IS NULL FROM types WHERE r IS NOT NULL) AS notified`;
}

/**
 * Makes due tasks ready, a batch per call. Rows another node is promoting
 * at the same moment are skipped, never waited for, so two nodes cannot
 * deadlock on each other's batches, and each task gets one TaskReady.
 */
function createPgDuePromotion(params: { pool: pg.Pool; names: PgNames; pinnedNow: () => number | null }) {
  const { pool, names, pinnedNow } = params;
  const text = promoteStatement(names);
  return async function promoteDue({ limit }: { limit: number }): Promise<TaskView[]> {
    const { rows } = await pool.query(preparedQuery(names, 'promote', text, [pinnedNow(), Math.min(limit, MAX_BATCH), names.channel]));
    const { docs, logged } = rows[0] as { docs: TaskView[]; logged: number };
    if (logged !== docs.length) throw new Error(`store invariant broken: ${logged} TaskReady events for ${docs.length} promoted tasks`);
    return docs;
  };
}

/** Prepares the promotion on a hot connection by running it on no rows. */
async function preparePromotionOn(params: { client: pg.PoolClient; names: PgNames }): Promise<void> {
  await params.client.query(preparedQuery(params.names, 'promote', promoteStatement(params.names), [null, 0, params.names.channel]));
}

export { createPgDuePromotion, preparePromotionOn };
