import type pg from 'pg';
import { currentTypeVersion, type PromotionHandoff, type TaskView } from '@baton/core';
import { preparedQuery } from './pg-fast-writes.js';
import { preciseNowSql, type PgNames } from './pg-schema.js';
import { claimedDocSql, taskDocSql } from './pg-task-row.js';

/** Rows per statement: 100 promoted types at most keep the NOTIFY payload well under PostgreSQL's 8000 bytes. */
const MAX_BATCH = 100;

/**
 * Due tasks made ready in one statement and one round trip: it locks the
 * due rows (skipping those another node holds), moves them to queued, appends
 * their TaskReady events and tells the cluster which types are ready. The row
 * is patched exactly as `evolve` folds TaskReady (only columns change: state,
 * version, updated_at); the contract suite holds it to that, as for the claim. $1 pinned now, $2 limit, $3 channel.
 *
 * With an agent ($4, its types $5, up to $6 tasks, lease $7 ms), due tasks a
 * claim would take at once go straight to it: TaskReady, then TaskClaimed,
 * as the claim statement folds it (see Handoff). The rest are queued and
 * announced.
 *
 * The time between a task's due time and its start is what delayed work is
 * judged on. The two-round-trip version this replaces (a read, then a write
 * checked by version) put 4 ms between TaskReady and the claim that followed.
 * The due bound is `(SELECT clock FROM n)`, the now to the microsecond, not a join
 * with n: joined, it was a filter rather than the index scan's bound, and
 * every promotion read every scheduled task (140 ms with 50,000 scheduled
 * for later).
 */
function promoteStatement(names: PgNames): string {
  const tasks = names.table('tasks');
  return `WITH n AS (SELECT ${preciseNowSql('$1')}),
    picked AS (
      SELECT t.id, t.type, t.run_at, t.submit_seq, t.job_id, t.serial_key, t.limit_key, t.broadcast, t.target_service, t.target_tags, t.target_agent,
        t.doc->>'parentId' AS parent_id
      FROM ${tasks} t WHERE t.state = 'scheduled' AND t.run_at <= (SELECT clock FROM n)
      ORDER BY t.run_at, t.submit_seq LIMIT $2 FOR UPDATE OF t SKIP LOCKED),
    handed AS (
      SELECT p.id FROM picked p
      WHERE $4::text IS NOT NULL AND p.type = ANY($5::text[])
        AND p.job_id IS NULL AND p.serial_key IS NULL AND p.limit_key IS NULL AND NOT p.broadcast AND p.parent_id IS NULL
        AND p.target_service IS NULL AND p.target_tags IS NULL AND p.target_agent IS NULL
        AND NOT EXISTS (SELECT 1 FROM ${tasks} q WHERE q.state = 'queued' AND q.type = p.type)
        AND NOT EXISTS (SELECT 1 FROM ${names.table('task_types')} y WHERE y.type = p.type AND y.paused)
      ORDER BY p.run_at, p.submit_seq LIMIT $6),
    promoted AS (
      UPDATE ${tasks} AS t SET
        state = CASE WHEN h.id IS NULL THEN 'queued' ELSE 'running' END,
        version = t.version + CASE WHEN h.id IS NULL THEN 1 ELSE 2 END,
        agent_id = CASE WHEN h.id IS NULL THEN t.agent_id ELSE $4::text END,
        lease_expires_at = CASE WHEN h.id IS NULL THEN t.lease_expires_at ELSE n.ms + $7::bigint END,
        updated_at = n.ms,
        doc = CASE WHEN h.id IS NULL THEN t.doc ELSE ${claimedDocSql('t')} END
      FROM picked p LEFT JOIN handed h ON h.id = p.id CROSS JOIN n
      WHERE t.id = p.id
      RETURNING t.id, t.version, t.type, t.state, ${taskDocSql('t')} AS doc, n.ms AS now_ms, t.run_at, t.submit_seq),
    logged AS (
      INSERT INTO ${names.table('events')} (stream_id, version, type, type_version, data, time)
      SELECT stream_id, version, type, type_version, data, time FROM (
        SELECT id AS stream_id, version - CASE WHEN state = 'running' THEN 1 ELSE 0 END AS version, 'TaskReady' AS type,
          ${currentTypeVersion('TaskReady')} AS type_version, '{}'::jsonb AS data, now_ms AS time, 0 AS ord, run_at, submit_seq FROM promoted
        UNION ALL
        SELECT id, version, 'TaskClaimed', ${currentTypeVersion('TaskClaimed')}, jsonb_build_object('agentId', doc->'agentId', 'token', doc->'token',
          'attempt', doc->'attempt', 'leaseExpiresAt', doc->'leaseExpiresAt'), now_ms, 1, run_at, submit_seq FROM promoted WHERE state = 'running') e
      ORDER BY ord, run_at, submit_seq
      RETURNING 1),
    types AS (SELECT jsonb_agg(DISTINCT type) AS r FROM promoted WHERE state = 'queued')
    SELECT (SELECT COALESCE(jsonb_agg(doc ORDER BY run_at, submit_seq), '[]'::jsonb) FROM promoted) AS docs,
      (SELECT count(*) FROM logged)::int AS logged,
      (SELECT pg_notify($3, jsonb_build_object('r', r)::text) IS NULL FROM types WHERE r IS NOT NULL) AS notified`;
}

/**
 * Makes due tasks ready, a batch per call. Rows another node is promoting
 * at the same moment are skipped, never waited for, so two nodes cannot
 * deadlock on each other's batches, and each task gets one TaskReady.
 */
function createPgDuePromotion(params: { pool: pg.Pool; names: PgNames; pinnedNow: () => number | null; mayBeLimited: (types: readonly string[]) => Promise<boolean> }) {
  const { pool, names, pinnedNow } = params;
  const text = promoteStatement(names);
  return async function promoteDue({ limit, handoff }: { limit: number; handoff?: PromotionHandoff }): Promise<TaskView[]> {
    // Under limits, only the limited claim may count what starts: nothing is handed over.
    const to = handoff && !(await params.mayBeLimited(handoff.types)) ? handoff : null;
    const values = [pinnedNow(), Math.min(limit, MAX_BATCH), names.channel, to?.agentId ?? null, to?.types ?? [], to?.limit ?? 0, to?.leaseMs ?? 0];
    const { rows } = await pool.query(preparedQuery(names, 'promote', text, values));
    const { docs, logged } = rows[0] as { docs: TaskView[]; logged: number };
    const expected = docs.reduce((n, d) => n + (d.state === 'running' ? 2 : 1), 0);
    if (logged !== expected) throw new Error(`store invariant broken: ${logged} events for ${docs.length} promoted tasks`);
    return docs;
  };
}

/** Prepares the promotion on a hot connection by running it on no rows. */
async function preparePromotionOn(params: { client: pg.PoolClient; names: PgNames }): Promise<void> {
  await params.client.query(preparedQuery(params.names, 'promote', promoteStatement(params.names), [null, 0, params.names.channel, null, [], 0, 0]));
}

export { createPgDuePromotion, preparePromotionOn, promoteStatement };
