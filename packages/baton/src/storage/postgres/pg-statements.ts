import { currentTypeVersion } from '@baton/core';
import { LOG_COLUMNS, LOG_HELD, LOG_SEQ, afterSql, eventInsertSql, holdingRowSql, logFrom, placeIdSql, streamsSql } from './pg-event-log.js';
import { nowSql, type PgNames } from './pg-schema.js';
import { claimedDocSql, TASK_COLUMNS, taskDocSql } from './pg-task-row.js';


/**
 * The SQL text of the PostgreSQL store, built once per schema. Only the
 * validated schema name is put into the text; every value is a bound parameter.
 */
function pgStatements(n: PgNames) {
  const tasks = n.table('tasks');
  const events = n.table('events');
  const limits = n.table('flow_limits');
  /**
   * Who may claim a queued task: its type is one the agent runs ($1) and not
   * paused; it is no broadcast step; the agent ($3, labels in `ag`) matches
   * its target; and for a serial key, it is the key's head (the first in
   * queue order of the key's tasks that have not ended). While the head runs
   * no other task of the key is a head, so at most one runs per key.
   */
  const claimable = `q.state = 'queued' AND q.type = ty.type
          AND NOT EXISTS (SELECT 1 FROM ${n.table('task_types')} p WHERE p.type = q.type AND p.paused)
          AND NOT q.broadcast
          AND (q.target_agent IS NULL OR q.target_agent = $3::text)
          AND (q.target_service IS NULL OR q.target_service = (SELECT service FROM ag))
          AND (q.target_tags IS NULL OR (SELECT tags FROM ag) @> q.target_tags)
          AND (q.serial_key IS NULL OR q.queue_seq = (SELECT min(s.queue_seq) FROM ${tasks} s
            WHERE s.serial_key = q.serial_key AND s.state IN ('blocked', 'scheduled', 'queued', 'running')))`;
  /**
   * Claimable tasks of the types in $1 (ty.type inside `filter`), best first,
   * up to $2, locked. Each type's head is read through the claim index in
   * its order, so a claim reads a handful of rows however long the queue is
   * (with `type = ANY(...)` PostgreSQL read every queued row, then sorted).
   * Up to $2 rows per type are locked; those not taken go free when the
   * statement commits.
   */
  const bestPerType = (columns: string, filter: string) => `SELECT c.* FROM (SELECT DISTINCT unnest($1::text[]) AS type) ty
        CROSS JOIN LATERAL (SELECT ${columns}, q.priority, q.run_at, q.queue_seq FROM ${tasks} q WHERE ${claimable} ${filter}
          ORDER BY q.priority DESC, q.run_at, q.queue_seq LIMIT $2 FOR UPDATE OF q SKIP LOCKED) c
        ORDER BY c.priority DESC, c.run_at, c.queue_seq LIMIT $2`;
  /**
   * The batched claim in one statement and one round trip: pick the tasks
   * (`picked`, skipping rows other claimers hold), move them to running with
   * the lease from the database clock, and append their TaskClaimed events.
   * The doc is patched exactly as `evolve` folds TaskClaimed; the contract
   * suite holds it to that. $3 agent, $4 pinned now, $5 lease ms.
   */
  const claimStatement = (picked: string) => `WITH n AS (SELECT ${nowSql('$4')} AS ms),
      ag AS (SELECT doc->'labels'->>'service' AS service, COALESCE(doc->'labels'->'tags', '[]'::jsonb) AS tags
        FROM ${n.table('agents')} WHERE id = $3::text),
      picked AS (${picked}),
      claimed AS (
        UPDATE ${tasks} AS t SET state = 'running', version = t.version + 1, agent_id = $3::text, lease_expires_at = n.ms + $5::bigint,
          updated_at = n.ms, doc = ${claimedDocSql('t')}
        FROM picked, n WHERE t.id = picked.id
        RETURNING t.id, t.version, ${taskDocSql('t')} AS doc, n.ms AS now_ms, t.priority, t.run_at, t.queue_seq),
      logged AS (
        INSERT INTO ${events} (stream_id, version, type, type_version, data, time)
        SELECT id, version, 'TaskClaimed', ${currentTypeVersion('TaskClaimed')}, jsonb_build_object('agentId', doc->'agentId', 'token', doc->'token',
          'attempt', doc->'attempt', 'leaseExpiresAt', doc->'leaseExpiresAt'), now_ms
        FROM claimed ORDER BY priority DESC, run_at, queue_seq
        RETURNING 1)
      SELECT doc FROM claimed ORDER BY priority DESC, run_at, queue_seq`;
  return {
    /** $1 task id, $2 pinned now. Locks the row, so writes to one task are serialized. */
    loadForUpdate: `SELECT ${nowSql('$2')}::float8 AS now, (SELECT ${taskDocSql('t')} FROM ${tasks} t WHERE t.id = $1 FOR UPDATE OF t) AS doc`,
    /** $1 task ids, $2 pinned now; docs by id. No lock: for a decision the write checks against the row's version. */
    loadMany: `SELECT ${nowSql('$2')}::float8 AS now,
      COALESCE((SELECT jsonb_object_agg(t.id, ${taskDocSql('t')}) FROM ${tasks} t WHERE t.id = ANY($1::text[])), '{}'::jsonb) AS docs`,
    /** $1 pinned now, $2 idempotency keys. */
    loadForSubmit: `SELECT ${nowSql('$1')}::float8 AS now,
      COALESCE((SELECT jsonb_agg(${taskDocSql('t')}) FROM ${tasks} t WHERE t.idempotency_key = ANY($2::text[])), '[]'::jsonb) AS existing`,
    /** $1 ids, $2 pinned now. Rows another transaction holds are skipped, never waited for. */
    loadLeases: `SELECT ${nowSql('$2')}::float8 AS now,
      COALESCE((SELECT jsonb_agg(doc) FROM (SELECT ${taskDocSql('t')} AS doc FROM ${tasks} t WHERE t.id = ANY($1::text[]) FOR UPDATE OF t SKIP LOCKED) held), '[]'::jsonb) AS docs`,
    /** $1 pinned now, $2 limit. */
    expiredForUpdate: `WITH n AS (SELECT ${nowSql('$1')} AS ms)
      SELECT n.ms::float8 AS now, ${taskDocSql('t')} AS doc FROM ${tasks} t, n
      WHERE t.state = 'running' AND t.lease_expires_at <= (SELECT ms FROM n) AND t.job_id IS NULL
      ORDER BY t.lease_expires_at LIMIT $2 FOR UPDATE OF t SKIP LOCKED`,
    /** $1 pinned now, $2 limit. A job's tasks are expired one by one, each under its job's lock. */
    expiredInJobs: `SELECT id FROM ${tasks} WHERE state = 'running' AND job_id IS NOT NULL AND lease_expires_at <= ${nowSql('$1')}
      ORDER BY lease_expires_at LIMIT $2`,
    /**
     * $1 namespace, $2 job id. Every change that can move a job takes this lock
     * first. It is an advisory lock, not a row lock, so taking it gives the
     * transaction no xid: the feed's order rests on a transaction taking its
     * xid no earlier than the row locks it waits for (ADR 0006).
     */
    lockJob: `SELECT pg_advisory_xact_lock($1, hashtext($2))`,
    /** $1 job id. After lockJob, in a statement of its own, so it sees every commit made before the lock was ours. */
    getJobLocked: `SELECT doc FROM ${n.table('jobs')} WHERE id = $1`,
    /**
     * $1 job id. NOWAIT: the transaction holds an xid by now (its own task's
     * row), and must not then wait for another row lock (ADR 0006). A row
     * another transaction holds aborts it, and it is tried again.
     */
    /** Locks the job's tasks; their versions only, for the cascade reads only the docs that moved (pg-jobs.ts). */
    jobTaskVersionsForUpdate: `SELECT id, version FROM ${tasks} WHERE job_id = $1 ORDER BY id FOR UPDATE NOWAIT`,
    jobTasks: `SELECT ${taskDocSql('t')} AS doc FROM ${tasks} t WHERE t.job_id = $1 ORDER BY t.submit_seq`,
    getJob: `SELECT doc FROM ${n.table('jobs')} WHERE id = $1`,
    /** $1 JSON array of job docs. */
    upsertJobs: `INSERT INTO ${n.table('jobs')} (id, state, submit_seq, version, doc)
      SELECT d->>'id', d->>'state', (d->>'submitSeq')::bigint, (d->>'version')::integer, d FROM jsonb_array_elements($1::jsonb) AS d
      ON CONFLICT (id) DO UPDATE SET state = excluded.state, version = excluded.version, doc = excluded.doc`,
    /** $1 limit. Steps waiting to fan out; each is then handled under its job's lock. */
    queuedSteps: `SELECT id, job_id FROM ${tasks} WHERE broadcast AND state = 'queued' ORDER BY queue_seq LIMIT $1`,
    /** $1 pinned now. Agents live by the database clock. */
    liveAgents: `SELECT a.doc FROM ${n.table('agents')} a JOIN ${n.table('agent_leases')} l ON l.agent_id = a.id
      WHERE a.state = 'live' AND l.expires_at > ${nowSql('$1')} ORDER BY a.id`,
    /** $1 agent id. */
    pinned: `SELECT ${taskDocSql('t')} AS doc FROM ${tasks} t WHERE target_agent = $1 AND state IN ('blocked', 'scheduled', 'queued', 'running') ORDER BY submit_seq`,
    /** $1 JSON array of {stream_id, version, type, data, time}. */
    insertEvents: eventInsertSql(n),
    /** $1 JSON array of task rows (`taskRow`); $2 channel and $3 payload when `notify`. */
    upsertTasks: (notify: boolean) => `WITH up AS (
      INSERT INTO ${tasks} (${TASK_COLUMNS.join(', ')})
      SELECT ${TASK_COLUMNS.join(', ')} FROM jsonb_populate_recordset(NULL::${tasks}, $1::jsonb)
      ON CONFLICT (id) DO UPDATE SET state = excluded.state, priority = excluded.priority, run_at = excluded.run_at,
        agent_id = excluded.agent_id, lease_expires_at = excluded.lease_expires_at, version = excluded.version, doc = excluded.doc,
        queue_seq = excluded.queue_seq, payload = excluded.payload, submitted_at = excluded.submitted_at, updated_at = excluded.updated_at
      RETURNING 1)
      SELECT count(*)::int AS n${notify ? ', pg_notify($2, $3) IS NULL AS notified' : ''} FROM up`,
    /**
     * The fast claim: up to $2 claimable tasks that count against no limit
     * (those go through the limited claim, serialized under a lock).
     */
    claim: claimStatement(
      bestPerType(
        'q.id',
        `AND NOT EXISTS (SELECT 1 FROM ${limits} l WHERE l.scope = 'type:' || q.type AND l.active)
          AND (q.limit_key IS NULL OR NOT EXISTS (SELECT 1 FROM ${limits} l WHERE l.scope = 'key:' || q.limit_key AND l.active))`,
      ),
    ),
    /**
     * The limited claim's candidates: claimable tasks that count against a
     * limit, minus types ($6) and keys ($7) whose limits allow nothing more.
     * $1 types, $2 limit, $3 agent, $6 full types, $7 full keys.
     */
    limitedCandidates: `WITH ag AS (SELECT doc->'labels'->>'service' AS service, COALESCE(doc->'labels'->'tags', '[]'::jsonb) AS tags
        FROM ${n.table('agents')} WHERE id = $3::text)
      SELECT doc FROM (${bestPerType(
        `${taskDocSql('q')} AS doc`,
        `AND (EXISTS (SELECT 1 FROM ${limits} l WHERE l.scope = 'type:' || q.type AND l.active)
          OR (q.limit_key IS NOT NULL AND EXISTS (SELECT 1 FROM ${limits} l WHERE l.scope = 'key:' || q.limit_key AND l.active)))
        AND NOT (q.type = ANY($4::text[])) AND (q.limit_key IS NULL OR NOT (q.limit_key = ANY($5::text[])))`,
      )}) best`,
    /** Claims exactly these ids ($1), already locked by this transaction. $3 agent, $4 pinned now, $5 lease ms. */
    claimIds: claimStatement(`SELECT id FROM ${tasks} q WHERE id = ANY($1::text[]) AND state = 'queued' AND $2::int > 0`),
    get: `SELECT ${taskDocSql('t')} AS doc FROM ${tasks} t WHERE t.id = $1`,
    /** $1 pinned now. */
    now: `SELECT ${nowSql('$1')}::float8 AS now`,
    getMany: `SELECT ${taskDocSql('t')} AS doc FROM ${tasks} t WHERE t.id = ANY($1::text[])`,
    nextDue: `SELECT min(run_at)::float8 AS at FROM ${tasks} WHERE state = 'scheduled'`,
    /** $1 the stream ids (text[]). */
    streams: streamsSql(n),
    all: afterSql(events),
    /**
     * Archived tasks' places in batch rows become JSON null, $1 their
     * submitSeqs (bigint[]), so that the row keeps the numbers of the tasks
     * it still holds; a row that kept only its block's first id gets the
     * array of its ids for that (ADR 0035). Answers which rows hold no task
     * any more, for the caller to delete. Run before the plain rows go, while
     * the row found below each number is still the one that holds it.
     */
    unbatch: `WITH places AS (SELECT s, ${holdingRowSql(events, 's')} AS row_seq FROM unnest($1::bigint[]) AS s),
        held AS (SELECT p.row_seq, array_agg(p.s - p.row_seq + 1) AS ords FROM places p GROUP BY p.row_seq)
      UPDATE ${events} e SET
        batch_ids = (SELECT jsonb_agg(CASE WHEN y.ord = ANY(h.ords) THEN NULL ELSE to_jsonb(${placeIdSql('e', 'y.ord')}) END ORDER BY y.ord)
          FROM generate_series(1, jsonb_array_length(e.batch_payloads)) AS y(ord)),
        batch_payloads = (SELECT jsonb_agg(CASE WHEN y.ord = ANY(h.ords) THEN 'null'::jsonb ELSE y.v END ORDER BY y.ord) FROM jsonb_array_elements(e.batch_payloads) WITH ORDINALITY AS y(v, ord)),
        batch_first_id = NULL
      FROM held h WHERE e.seq = h.row_seq AND e.batch_payloads IS NOT NULL
      RETURNING e.seq::text AS seq, NOT EXISTS (SELECT 1 FROM jsonb_array_elements(e.batch_ids) v WHERE v <> 'null'::jsonb) AS emptied`,
    /**
     * The feed reads only rows of transactions older than every one still in
     * flight (xid below the snapshot's xmin), in (xid, seq) order. A transaction
     * that commits later has an xid at or above that mark, so it sorts after
     * everything already read: nothing is ever skipped. $1 xid, $2 seq, $3 limit.
     * A cursor may stop inside a batch row (ADR 0034): the read starts at the
     * row that holds it, which its transaction wrote.
     */
    feed: `SELECT ${LOG_COLUMNS}, e.xid::text AS xid FROM ${logFrom(events)}
      WHERE (e.xid, e.seq) >= ($1::xid8, COALESCE((SELECT max(h.seq) FROM ${events} h WHERE h.xid = $1::xid8 AND h.seq <= $2::bigint), $2::bigint))
        AND e.xid < pg_snapshot_xmin(pg_current_snapshot()) AND ${LOG_HELD} AND (e.xid, ${LOG_SEQ}) > ($1::xid8, $2::bigint)
      ORDER BY e.xid, e.seq, x.ord LIMIT $3`,
    /** Every transaction below the snapshot's xmin has ended, so the feed has read (or may skip) all of its events. */
    feedTail: `SELECT GREATEST(pg_snapshot_xmin(pg_current_snapshot())::text::numeric - 1, 0)::text AS xid`,
    /**
     * A page of tasks in submission order, $1 its size. Queued tasks, running
     * tasks and the others are in different indexes (migrations 0009 and 0011,
     * ADRs 0030 and 0032), so each is a branch read through its own, and the
     * page is the merge of them. The running branch reads every running task
     * through the lease index and sorts them: as many as the agents' slots.
     * `branches` says which the filter can match.
     */
    list: (p: { conditions: readonly string[]; order: 'newest' | 'oldest'; branches: ListBranches }) => {
      const dir = p.order === 'oldest' ? 'ASC' : 'DESC';
      const branch = (state: string) =>
        `(SELECT t.submit_seq, ${taskDocSql('t')} AS doc FROM ${tasks} t WHERE ${[state, ...p.conditions].join(' AND ')} ORDER BY t.submit_seq ${dir} LIMIT $1)`;
      const { queued, running, others } = p.branches;
      const all = !queued && !running && !others;
      const branches = [
        ...(all || queued ? [branch(`t.state = 'queued'`)] : []),
        ...(all || running ? [branch(`t.state = 'running'`)] : []),
        ...(all || others ? [branch(`t.state NOT IN ('queued', 'running')`)] : []),
      ];
      return `SELECT x.doc FROM (${branches.join(' UNION ALL ')}) x ORDER BY x.submit_seq ${dir} LIMIT $1`;
    },
    ping: `SELECT NOT pg_is_in_recovery() AS writable`,
    /** Counts for monitoring; the head is read through the primary key's end: the last row, or the last place of a batch row. */
    stats: `SELECT COALESCE((SELECT jsonb_agg(c) FROM (SELECT state, type, count(*)::int AS count FROM ${tasks} GROUP BY state, type ORDER BY state, type) c), '[]'::jsonb) AS tasks,
      COALESCE((SELECT seq + COALESCE(jsonb_array_length(batch_payloads), 1) - 1 FROM ${events} ORDER BY seq DESC LIMIT 1), 0)::float8 AS head`,
  };
}

/** Which of a list's three branches a filter can match. */
type ListBranches = { queued: boolean; running: boolean; others: boolean };
type PgStatements = ReturnType<typeof pgStatements>;

export { pgStatements };
export type { ListBranches, PgStatements };
