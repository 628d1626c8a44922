import type pg from 'pg';
import { BatonError, currentTypeVersion, decide, delaysFromAcceptance, evolve, type Handoff, type NewTask, type SinceAccepted, type StoredTaskEvent, type TaskView } from '@baton/core';
import { createDbClockBound } from './pg-clock-bound.js';
import { preparedQuery } from './pg-fast-writes.js';
import { nowSql, type PgNames } from './pg-schema.js';
import { TASK_COLUMNS, taskValues } from './pg-statements.js';

/** NOTIFY payloads must stay under 8000 bytes; past this the statement says "resync" instead (as pg-signals does). */
const MAX_PAYLOAD = 7_000;

/**
 * A submission in one statement and one round trip, for tasks whose every
 * time is relative to the store's now (`startsAfterMs`) and that carry no
 * idempotency key, so nothing needs reading first. Node decides and folds
 * each task as of a now of 0; the statement reads the database's now and
 * adds it to every time in the doc and the event (submittedAt, updatedAt,
 * runAt), exactly as deciding at that now would have. Whether a task is due
 * at once does not depend on the now (a delay of 0 is due), so its state
 * is Node's.
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
 * added to a bound on the database's clock at the call (DbClockBound).
 *
 * $1 [{doc, ev, agent, due}], $2 pinned now, $3 lease ms (handed tasks), $4 channel.
 */
function submitNowStatement(names: PgNames): string {
  const tasks = names.table('tasks');
  return `WITH n AS (SELECT ${nowSql('$2')} AS ms),
    r AS MATERIALIZED (
      SELECT x.doc, x.ev, x.agent, x.due, nextval('${names.eventSeq}'::regclass) AS seq
      FROM jsonb_to_recordset($1::jsonb) AS x(doc jsonb, ev jsonb, agent text, due bigint)),
    held AS (
      SELECT DISTINCT r.doc->>'type' AS type FROM r
      WHERE r.agent IS NOT NULL AND (EXISTS (SELECT 1 FROM ${tasks} q WHERE q.state = 'queued' AND q.type = r.doc->>'type')
        OR EXISTS (SELECT 1 FROM ${names.table('task_types')} p WHERE p.type = r.doc->>'type' AND p.paused))),
    d AS MATERIALIZED (
      SELECT r.seq, r.ev, r.agent, n.ms, w.run_at,
        r.agent IS NOT NULL AND r.doc->>'state' = 'queued' AND NOT EXISTS (SELECT 1 FROM held h WHERE h.type = r.doc->>'type') AS handed,
        r.doc || jsonb_build_object('submitSeq', r.seq, 'queueSeq', r.seq, 'submittedAt', n.ms, 'updatedAt', n.ms,
          'runAt', w.run_at) AS base
      FROM r, n, LATERAL (SELECT LEAST(n.ms + (r.doc->>'runAt')::bigint, COALESCE(r.due, n.ms + (r.doc->>'runAt')::bigint)) AS run_at) w),
    f AS MATERIALIZED (
      SELECT d.seq, d.ev, d.agent, d.ms, d.run_at, d.handed,
        CASE WHEN d.handed THEN d.base || jsonb_build_object('state', 'running', 'token', 1, 'attempt', 1, 'agentId', d.agent,
          'leaseExpiresAt', d.ms + $3::bigint, 'version', 2, 'progress', NULL::jsonb) ELSE d.base END AS d
      FROM d),
    logged AS (
      INSERT INTO ${names.table('events')} (seq, stream_id, version, type, type_version, data, time)
      SELECT f.seq, f.d->>'id', 1, 'TaskSubmitted', ${currentTypeVersion('TaskSubmitted')},
        f.ev || jsonb_build_object('runAt', f.run_at), f.ms FROM f
      UNION ALL
      SELECT nextval('${names.eventSeq}'::regclass), f.d->>'id', 2, 'TaskClaimed', ${currentTypeVersion('TaskClaimed')},
        jsonb_build_object('agentId', f.agent, 'token', 1, 'attempt', 1, 'leaseExpiresAt', f.ms + $3::bigint), f.ms FROM f WHERE f.handed
      RETURNING 1),
    up AS (INSERT INTO ${tasks} (${TASK_COLUMNS}) SELECT ${taskValues('f.d')} FROM f RETURNING 1),
    sig AS (
      SELECT jsonb_strip_nulls(jsonb_build_object(
        'r', (SELECT jsonb_agg(DISTINCT f.d->>'type') FROM f WHERE f.d->>'state' = 'queued'),
        'd', (SELECT min((f.d->>'runAt')::bigint) FROM f WHERE f.d->>'state' = 'scheduled'))) AS p)
    SELECT (SELECT ms FROM n) AS now, (SELECT jsonb_agg(f.d ORDER BY f.seq) FROM f) AS docs, (SELECT count(*) FROM up)::int AS inserted,
      (SELECT count(*) FROM logged)::int AS logged, (SELECT count(*) FROM f WHERE f.handed)::int AS handed,
      (SELECT pg_notify($4, CASE WHEN length(sig.p::text) > ${MAX_PAYLOAD} THEN '{"x":1}' ELSE sig.p::text END) IS NULL
        FROM sig WHERE sig.p <> '{}'::jsonb) AS notified`;
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
      await client.query(preparedQuery(names, 'submit_now', text, ['[]', null, 0, names.channel]));
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
      const rows = tasks.map((task, i) => {
        // As of a now of 0: the statement adds the database's now to every time.
        const decision = decide(null, { kind: 'Submit', ...task, now: 0 });
        if (!decision.ok) throw new BatonError({ code: decision.error.code, message: decision.error.message, taskId: task.taskId });
        const [submitted] = decision.value;
        if (!submitted || submitted.type !== 'TaskSubmitted' || decision.value.length !== 1) throw new Error('store invariant broken: a new task has exactly one event');
        const doc = evolve(null, { ...submitted, seq: 0, streamId: task.taskId, version: 1, time: 0 } as StoredTaskEvent);
        const agent = options.handoffLimited ? null : (options.handoff?.agents.get(task.taskId) ?? null);
        const delay = accepted[i]?.startsAfterMs ?? 0;
        const due = callAt !== null && delay > 0 ? Math.ceil(callAt + delay) : null;
        return { doc, ev: submitted.data, agent, due };
      });
      const values = [JSON.stringify(rows), pinned, options.handoff?.leaseMs ?? 0, names.channel];
      const result = (await client.query(preparedQuery(names, 'submit_now', text, values))).rows[0] as { now: string; docs: TaskView[]; inserted: number; logged: number; handed: number };
      if (pinned === null) clockBound.observe({ sentAt, dbNow: Number(result.now) });
      if (result.inserted !== tasks.length || result.logged !== tasks.length + result.handed) {
        throw new Error(`store invariant broken: ${result.inserted} rows and ${result.logged} events for ${tasks.length} new tasks`);
      }
      const byId = new Map(result.docs.map((doc) => [doc.id, doc]));
      return tasks.map((task) => {
        const doc = byId.get(task.taskId);
        if (!doc) throw new Error(`store invariant broken: task ${task.taskId} was not written`);
        return doc;
      });
    },
  };
}

export { createPgSubmitNow, submitsInOneStatement };
