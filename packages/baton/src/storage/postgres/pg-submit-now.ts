import type pg from 'pg';
import { currentTypeVersion, delaysFromAcceptance, type Handoff, type NewTask, type SinceAccepted, type TaskView } from '@baton/core';
import { createDbClockBound } from './pg-clock-bound.js';
import { preparedQuery } from './pg-fast-writes.js';
import { preciseNowSql, type PgNames } from './pg-schema.js';
import { blockIdSql, idBlockStart } from './pg-id-block.js';
import { shapeBatch, writtenDoc, type SubmitShape } from './pg-submit-shapes.js';

/** NOTIFY payloads must stay under 8000 bytes; past this the statement says "resync" instead (as pg-signals does). */
const MAX_PAYLOAD = 7_000;

/**
 * A submission in one statement and one round trip, for tasks whose every
 * time is relative to the store's now (`startsAfterMs`) and that carry no
 * idempotency key, so nothing needs reading first. Node decides and folds
 * each shape of task once, as of a now of 0 (pg-submit-shapes.ts); the
 * statement reads the database's now and adds it to every time in the doc
 * and the event (submittedAt, updatedAt, runAt), exactly as deciding at that
 * now would have. Whether a task is due at once does not depend on the now
 * (a delay of 0 is due), so its state is the shape's.
 *
 * A task with a reserved agent (Handoff) is claimed for it in the same
 * statement (TaskClaimed, the claim's fold) unless its type has tasks queued
 * already or is paused: the checks the two-statement submit reads first.
 * The cluster is told of the types left queued and of the earliest run time
 * left scheduled. The contract suite and the projection invariant hold the
 * rows to the fold of their events.
 *
 * A delayed task's run time is the earlier of two that are never early:
 * the database's now plus what is left of its delay, and `due`, the delay
 * added to a bound on the database's clock at the call (DbClockBound). Both
 * keep their fraction of a millisecond (ADR 0036): rounded up to a whole
 * one, every delayed task was half a millisecond late on average.
 *
 * A batch of one shape, with no reserved agents and no due times, whose
 * seqs came out as one unbroken block (as they do unless another writer
 * took one in between), is logged as one events row holding every task's
 * TaskSubmitted (ADR 0034): its payloads are the array as sent, and its ids
 * the array as sent or, for a block, its first.
 * Otherwise each task has its own row.
 *
 * The answer is the now and the first seq. Node rebuilds the docs from
 * their shapes rather than parse them back: the seqs are taken in the
 * tasks' order, so when they came out consecutive (no other writer took one
 * in between, which the statement checks) each task's seq is the first plus
 * its place, and with no due times and no reserved agents each run time is
 * the now plus its shape's. Otherwise it also answers each row's seq, run
 * time and handoff. Parsing four arrays of 500 cost more in Node's
 * allocation and the server's aggregation than the rest of the answer. The
 * counts it checks are of `f`, what both inserts write: PostgreSQL runs a
 * data-modifying CTE to completion whether or not anything reads it, and
 * returning each inserted row only to count it cost two tuplestores.
 *
 * $1 ids and $2 payloads, each one JSON array (one string to send, where a
 * text array escaped each element); $3 shape of each, or null when all are
 * the first; $4 reserved agent of each or null for none; $5 due of each or
 * null for none; $6 [{doc, ev}] shapes; $7 pinned now; $8 lease ms (handed
 * tasks); $9 channel; $10 the first id when the ids are a block (ADR 0035),
 * and then $1 is null: the statement derives each from it.
 */
function submitNowStatement(names: PgNames): string {
  const tasks = names.table('tasks');
  return `WITH n AS (SELECT ${preciseNowSql('$7')}),
    s AS MATERIALIZED (
      SELECT (e.ord - 1)::int AS i, e.v->'stored' AS stored, e.v->'ev' AS ev, e.v->'doc'->>'type' AS type, e.v->'doc'->>'state' AS state,
        (e.v->'doc'->>'priority')::integer AS priority, (e.v->'doc'->>'runAt')::bigint AS rel, e.v->'doc'->>'jobId' AS job_id,
        e.v->'doc'->>'serialKey' AS serial_key, e.v->'doc'->'target'->>'service' AS target_service,
        CASE WHEN jsonb_array_length(COALESCE(e.v->'doc'->'target'->'tags', '[]'::jsonb)) > 0 THEN e.v->'doc'->'target'->'tags' END AS target_tags,
        e.v->'doc'->'target'->>'agentId' AS target_agent, COALESCE(e.v->'doc'->'broadcast', 'null'::jsonb) <> 'null'::jsonb AS broadcast,
        e.v->'doc'->>'limitKey' AS limit_key
      FROM jsonb_array_elements($6::jsonb) WITH ORDINALITY AS e(v, ord)),
    r AS MATERIALIZED (
      SELECT COALESCE(x.id, ${blockIdSql('$10::text', 'x.ord')}) AS id, x.p, COALESCE(x.shape, 0) AS shape, x.agent, x.due, x.ord,
        nextval('${names.eventSeq}'::regclass) AS seq
      FROM ROWS FROM (jsonb_array_elements_text($1::jsonb), jsonb_array_elements($2::jsonb), unnest($3::int[]), unnest($4::text[]), unnest($5::float8[]))
        WITH ORDINALITY AS x(id, p, shape, agent, due, ord)),
    block AS MATERIALIZED (SELECT min(r.seq) AS first, count(*) AS n, min(r.seq - r.ord) = max(r.seq - r.ord) AS aligned FROM r),
    mode AS MATERIALIZED (SELECT b.first, b.aligned AND b.n > 1 AND $3::int[] IS NULL AND $4::text[] IS NULL AND $5::float8[] IS NULL AS batched FROM block b),
    held AS (
      SELECT DISTINCT s.type FROM r JOIN s ON s.i = r.shape
      WHERE r.agent IS NOT NULL AND (EXISTS (SELECT 1 FROM ${tasks} q WHERE q.state = 'queued' AND q.type = s.type)
        OR EXISTS (SELECT 1 FROM ${names.table('task_types')} p WHERE p.type = s.type AND p.paused))),
    f AS MATERIALIZED (
      SELECT r.id, r.p, r.seq, r.ord, r.shape, r.agent, n.ms, w.run_at, s.stored, s.ev, s.type, s.state, s.priority, s.job_id, s.serial_key,
        s.target_service, s.target_tags, s.target_agent, s.broadcast, s.limit_key,
        r.agent IS NOT NULL AND s.state = 'queued' AND NOT EXISTS (SELECT 1 FROM held h WHERE h.type = s.type) AS handed
      FROM r JOIN s ON s.i = r.shape CROSS JOIN n,
        LATERAL (SELECT CASE WHEN r.due IS NULL THEN n.ms + s.rel ELSE LEAST(n.clock + s.rel, r.due) END AS run_at) w),
    logged AS (
      INSERT INTO ${names.table('events')} (seq, stream_id, version, type, type_version, data, payload, run_at, time, batch_payloads, batch_ids, batch_first_id)
      SELECT f.seq, f.id, 1, 'TaskSubmitted', ${currentTypeVersion('TaskSubmitted')}, f.ev, f.p, f.run_at, f.ms, NULL::jsonb, NULL::jsonb, NULL::text FROM f
      WHERE NOT (SELECT batched FROM mode)
      UNION ALL
      SELECT b.first, 'batch:' || b.first, 1, 'TaskSubmitted', ${currentTypeVersion('TaskSubmitted')}, s.ev, NULL, n.ms + s.rel, n.ms, $2::jsonb, $1::jsonb, $10::text
      FROM mode b CROSS JOIN n JOIN s ON s.i = 0 WHERE b.batched
      UNION ALL
      SELECT nextval('${names.eventSeq}'::regclass), f.id, 2, 'TaskClaimed', ${currentTypeVersion('TaskClaimed')},
        jsonb_build_object('agentId', f.agent, 'token', 1, 'attempt', 1, 'leaseExpiresAt', f.ms + $8::bigint), NULL, NULL, f.ms, NULL, NULL, NULL FROM f WHERE f.handed),
    up AS (
      INSERT INTO ${tasks} (id, type, state, priority, run_at, submit_seq, queue_seq, version, agent_id, lease_expires_at, idempotency_key,
        job_id, serial_key, limit_key, payload, submitted_at, updated_at, doc, target_service, target_tags, target_agent, broadcast)
      SELECT f.id, f.type, CASE WHEN f.handed THEN 'running' ELSE f.state END, f.priority, f.run_at, f.seq, f.seq, CASE WHEN f.handed THEN 2 ELSE 1 END,
        CASE WHEN f.handed THEN f.agent END, CASE WHEN f.handed THEN f.ms + $8::bigint END, NULL,
        f.job_id, f.serial_key, f.limit_key, NULLIF(f.p, 'null'::jsonb), f.ms, f.ms,
        CASE WHEN f.handed THEN f.stored || '{"token": 1, "attempt": 1}'::jsonb ELSE f.stored END,
        f.target_service, f.target_tags, f.target_agent, f.broadcast
      FROM f),
    sig AS MATERIALIZED (
      SELECT jsonb_strip_nulls(jsonb_build_object(
        'r', (SELECT jsonb_agg(DISTINCT s.type) FROM s WHERE s.state = 'queued' AND EXISTS (SELECT 1 FROM f WHERE f.shape = s.i AND NOT f.handed)),
        'd', (SELECT min(f.run_at) FROM f WHERE f.state = 'scheduled'))) AS p),
    answer AS (SELECT array_agg(f.ord) AS ords, array_agg(f.seq) AS seqs, array_agg(f.run_at) AS run_ats, array_agg(f.handed) AS handed FROM f
      WHERE $4::text[] IS NOT NULL OR $5::float8[] IS NOT NULL OR NOT (SELECT aligned FROM block))
    SELECT (SELECT ms FROM n) AS now, (SELECT clock FROM n) AS clock, (SELECT first FROM block) AS first, answer.ords, answer.seqs, answer.run_ats, answer.handed,
      (SELECT count(*) FROM f)::int AS inserted, (SELECT count(*) + count(*) FILTER (WHERE f.handed) FROM f)::int AS logged,
      (SELECT pg_notify($9, CASE WHEN length(sig.p::text) > ${MAX_PAYLOAD} THEN '{"x":1}' ELSE sig.p::text END) IS NULL
        FROM sig WHERE sig.p <> '{}'::jsonb) AS notified
    FROM answer`;
}

/** What the statement answered for one task. */
interface AnsweredRow {
  seq: number;
  /** Null when it is the now plus its shape's: the statement did not answer it. */
  runAt: number | null;
  handed: boolean;
}

type Answer = { now: string; clock: number; first: string | null; ords: string[] | null; seqs: string[] | null; run_ats: string[] | null; handed: boolean[] | null; inserted: number; logged: number };

/**
 * Each task's seq, run time and handoff, in the order the tasks were given.
 * Without rows in the answer, the seqs were consecutive in the tasks' order
 * from `first`, nothing was handed, and every run time is its shape's.
 * With them, the statement aggregated its rows in one pass, unsorted (a sort
 * per array cost more than the rest of its answer), each beside its place.
 */
function writtenRows(params: { answer: Answer; count: number }): AnsweredRow[] {
  const { answer, count } = params;
  const rows = new Array<AnsweredRow>(count);
  if (answer.ords === null) {
    const first = Number(answer.first);
    if (!Number.isSafeInteger(first)) throw new Error(`store invariant broken: no first seq answered for ${count} new tasks`);
    for (let i = 0; i < count; i++) rows[i] = { seq: first + i, runAt: null, handed: false };
    return rows;
  }
  const ords = answer.ords;
  for (const [k, ord] of ords.entries()) {
    const i = Number(ord) - 1;
    if (!(i >= 0 && i < count) || rows[i] !== undefined) throw new Error(`store invariant broken: row ${ord} of ${count} answered twice or out of range`);
    rows[i] = { seq: Number(answer.seqs?.[k]), runAt: Number(answer.run_ats?.[k]), handed: answer.handed?.[k] === true };
  }
  if (ords.length !== count) throw new Error(`store invariant broken: ${ords.length} rows answered for ${count} new tasks`);
  return rows;
}

/** The time in milliseconds rounded up to the microsecond, the database clock's unit: never earlier than `ms`. */
function ceilToMicrosecond(ms: number): number {
  const up = Math.ceil(ms * 1_000) / 1_000;
  return up < ms ? up + 0.001 : up;
}

/** Tasks this statement can take: every time relative to the store's now, no idempotency key. */
function submitsInOneStatement(tasks: readonly NewTask[]): boolean {
  return tasks.length > 0 && tasks.every((t) => t.idempotencyKey === null && typeof t.startsAfterMs === 'number');
}

function createPgSubmitNow(params: { names: PgNames; pinnedNow: () => number | null }) {
  const { names, pinnedNow } = params;
  const text = submitNowStatement(names);
  const clockBound = createDbClockBound();
  return {
    /** Prepares the statement on a hot connection by running it on no rows. */
    async prepareOn(client: pg.PoolClient): Promise<void> {
      await client.query(preparedQuery(names, 'submit_now', text, ['[]', '[]', null, null, null, '[]', null, 0, names.channel, null]));
    },

    /**
     * Reads the database's clock once, for the clock bound (pg-clock-bound.ts),
     * so that the first delayed submits of a burst have a reading. Called
     * when nothing else runs: a reading taken while the database was busy
     * bounds loosely, and each submit in a burst waits for a CPU there.
     */
    async observeClock(client: pg.PoolClient): Promise<void> {
      const sentAt = performance.now();
      const { rows } = await client.query(`SELECT clock FROM (SELECT ${preciseNowSql('NULL')}) n`);
      clockBound.observe({ sentAt, dbNow: Number((rows[0] as { clock: number } | undefined)?.clock) });
    },

    /**
     * Writes the tasks (each created: none has a key that could match), handing
     * to `handoff`'s agents those it reserved and nothing holds back
     * (`handoffLimited`: limits may apply to them, so none is handed).
     * Delays count from the call (`sinceAccepted`, ADR 0025).
     */
    async submit(client: pg.PoolClient, accepted: readonly NewTask[], options: { handoff?: Handoff; handoffLimited: boolean; sinceAccepted?: SinceAccepted }): Promise<TaskView[]> {
      // Both read before the query is sent: the database reads its now later, so a delay can only come out longer.
      const since = options.sinceAccepted?.() ?? 0;
      const sentAt = performance.now();
      const tasks = delaysFromAcceptance(accepted, since);
      // A pinned now (tests) stands still: there is no clock to bound.
      const pinned = pinnedNow();
      const callAt = pinned === null ? clockBound.upperAt({ at: sentAt - since, now: sentAt }) : null;
      const { shapes, shapeOf } = shapeBatch(tasks);
      const agents = tasks.map((task) => (options.handoffLimited ? null : (options.handoff?.agents.get(task.taskId) ?? null)));
      const dues = accepted.map((task) => {
        const delay = task.startsAfterMs ?? 0;
        return callAt !== null && delay > 0 ? ceilToMicrosecond(callAt + delay) : null;
      });
      const leaseMs = options.handoff?.leaseMs ?? 0;
      const ids = tasks.map((t) => t.taskId);
      // A block's ids go as its first: the ids were two thirds of what a batch of 500 sent (ADR 0035).
      const firstOfBlock = idBlockStart(ids);
      // Arrays of nulls, and of zeros when every task has the first shape, are sent as one null: the statement pads them
      // (unnest of null is no rows), and answers less.
      const values = [
        firstOfBlock === null ? JSON.stringify(ids) : null,
        JSON.stringify(tasks.map((t) => t.payload ?? null)),
        shapes.length > 1 ? shapeOf : null,
        agents.some((a) => a !== null) ? agents : null,
        dues.some((d) => d !== null) ? dues : null,
        JSON.stringify(shapes.map(({ doc, stored, ev }) => ({ doc, stored, ev }))),
        pinned,
        leaseMs,
        names.channel,
        firstOfBlock,
      ];
      const result = (await client.query(preparedQuery(names, 'submit_now', text, values))).rows[0] as Answer;
      const now = Number(result.now);
      if (pinned === null) clockBound.observe({ sentAt, dbNow: Number(result.clock) });
      const rows = writtenRows({ answer: result, count: tasks.length });
      let handedCount = 0;
      for (const row of rows) if (row.handed) handedCount++;
      if (result.inserted !== tasks.length || result.logged !== tasks.length + handedCount) {
        throw new Error(`store invariant broken: ${result.inserted} rows and ${result.logged} events for ${tasks.length} new tasks`);
      }
      return tasks.map((task, i) => {
        const row = rows[i] as AnsweredRow;
        const shape = shapes[shapeOf[i] as number] as SubmitShape;
        return writtenDoc({
          shape,
          task,
          row: { seq: row.seq, runAt: row.runAt ?? now + shape.doc.runAt, handedTo: row.handed ? (agents[i] ?? null) : null },
          now,
          leaseMs,
        });
      });
    },
  };
}

export { createPgSubmitNow, submitsInOneStatement };
