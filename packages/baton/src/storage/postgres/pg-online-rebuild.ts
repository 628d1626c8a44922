import type pg from 'pg';
import { BatonError, createReplay, streamKind, type ProjectionKind, type Projections, type RebuildReport, type SqlConnection, type TaskView } from '@baton/core';
import { LOG_COLUMNS, LOG_HELD, afterSql, holdingRowSql, logFrom, placeIdSql, toStoredEvent, type EventRow } from './pg-event-log.js';
import { LOCK_NAMESPACE, type PgNames } from './pg-schema.js';
import { pgStatements, type PgStatements } from './pg-statements.js';
import { taskRow } from './pg-task-row.js';

type ProjectionTable = 'tasks' | 'jobs' | 'agents' | 'task_types' | 'api_tokens' | 'flow_limits' | 'schedules';

/** Each projection table, the projection it holds, its key column and the flag column the small tables index. */
const TABLES: readonly { table: ProjectionTable; kind: ProjectionKind; key: string; flag?: { column: string; sql: string } }[] = [
  { table: 'tasks', kind: 'task', key: 'id' },
  { table: 'jobs', kind: 'job', key: 'id' },
  { table: 'agents', kind: 'agent', key: 'id', flag: { column: 'state', sql: "d->>'state'" } },
  { table: 'task_types', kind: 'type', key: 'type', flag: { column: 'paused', sql: "(d->>'paused')::boolean" } },
  { table: 'api_tokens', kind: 'token', key: 'id', flag: { column: 'revoked', sql: "(d->>'revoked')::boolean" } },
  { table: 'flow_limits', kind: 'limits', key: 'scope', flag: { column: 'active', sql: "(d->'concurrency' <> 'null'::jsonb OR d->'rate' <> 'null'::jsonb)" } },
  { table: 'schedules', kind: 'schedule', key: 'name', flag: { column: 'active', sql: "NOT (d->>'removed')::boolean" } },
];

/** Stop catching up once a round brings no more than this many events: the rest is read under the lock. */
const SMALL_DELTA = 1_000;
const MAX_ROUNDS = 10;
const PAGE = 10_000;
const BATCH = 1_000;
/** lock_not_available (the swap's own lock_timeout) and deadlock_detected: both leave nothing behind, so the swap runs again. */
const SWAP_RETRY_CODES = new Set(['55P03', '40P01']);
const MAX_SWAP_ATTEMPTS = 20;

/** On PostgreSQL a rebuild also says how many catch-up rounds it took. */
type PgRebuildReport = RebuildReport & { rounds: number; changed: NonNullable<RebuildReport['changed']> };

/** The shadow tables' names: the schema's own, with `__rebuild` after the table name. */
function shadowNames(names: PgNames): PgNames {
  const projection = new Set<string>(TABLES.map((t) => t.table));
  return { ...names, table: (name) => (projection.has(name) ? `"${names.schema}"."${name}__rebuild"` : names.table(name)) };
}

/** Writes the docs of these keys of every projection into the shadow tables, inserting or replacing. */
async function writeDocs(q: SqlConnection, shadow: PgNames, sql: PgStatements, projections: Projections, keys: Map<ProjectionKind, Set<string>> | 'all'): Promise<void> {
  for (const { table, kind, key, flag } of TABLES) {
    const all = projections[kind];
    const docs = keys === 'all' ? [...all.values()] : [...(keys.get(kind) ?? [])].map((k) => all.get(k)).filter((d) => d !== undefined);
    const text =
      table === 'tasks'
        ? sql.upsertTasks(false)
        : table === 'jobs'
          ? sql.upsertJobs
          : `INSERT INTO ${shadow.table(table)} (${key}, ${flag!.column}, version, doc)
             SELECT d->>'${key}', ${flag!.sql}, (d->>'version')::integer, d FROM jsonb_array_elements($1::jsonb) AS d
             ON CONFLICT (${key}) DO UPDATE SET ${flag!.column} = excluded.${flag!.column}, version = excluded.version, doc = excluded.doc`;
    // Tasks are stored as rows (pg-task-row.ts); the other projections as their docs.
    const rows = table === 'tasks' ? (docs as TaskView[]).map(taskRow) : docs;
    for (let i = 0; i < rows.length; i += BATCH) await q.query(text, [JSON.stringify(rows.slice(i, i + BATCH))]);
  }
}

/**
 * Makes the live tables hold what the shadow holds, touching only rows that
 * differ; drops shadow rows whose stream is gone first (retention removed it
 * while the rebuild ran). Runs under the swap's locks.
 */
async function syncFromShadow(q: SqlConnection, names: PgNames, shadow: PgNames): Promise<PgRebuildReport['changed']> {
  const changed: PgRebuildReport['changed'] = {};
  const events = names.table('events');
  // A task submitted in a batch has no row of its own (ADR 0034): it lives on while its batch row holds its place.
  await q.query(`DELETE FROM ${shadow.table('tasks')} s WHERE NOT EXISTS (SELECT 1 FROM ${events} e WHERE e.stream_id = s.id)
      AND NOT EXISTS (SELECT 1 FROM ${events} e WHERE e.seq = ${holdingRowSql(events, 's.submit_seq')} AND e.batch_payloads IS NOT NULL AND ${placeIdSql('e', 's.submit_seq - e.seq + 1')} = s.id)`);
  await q.query(`DELETE FROM ${shadow.table('jobs')} s WHERE NOT EXISTS (SELECT 1 FROM ${events} e WHERE e.stream_id = 'job:' || s.id)`);
  for (const { table, key } of TABLES) {
    const live = names.table(table);
    const fresh = shadow.table(table);
    // Column names come from the catalog of our own table, never from a request.
    const { rows } = await q.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2 ORDER BY ordinal_position`, [names.schema, table]);
    const columns = (rows as { column_name: string }[]).map((r) => `"${r.column_name.replace(/"/g, '""')}"`);
    const of = (alias: string) => columns.map((c) => `${alias}.${c}`).join(', ');
    const counted = async (statement: string) => ((await q.query(`WITH w AS (${statement} RETURNING 1) SELECT count(*)::int AS n FROM w`)).rows[0] as { n: number }).n;
    const extra = await counted(`DELETE FROM ${live} l WHERE NOT EXISTS (SELECT 1 FROM ${fresh} s WHERE s.${key} = l.${key})`);
    const different = await counted(`UPDATE ${live} l SET (${columns.join(', ')}) = (${of('s')}) FROM ${fresh} s WHERE s.${key} = l.${key} AND (${of('l')}) IS DISTINCT FROM (${of('s')})`);
    const missing = await counted(`INSERT INTO ${live} (${columns.join(', ')}) SELECT ${of('s')} FROM ${fresh} s WHERE NOT EXISTS (SELECT 1 FROM ${live} l WHERE l.${key} = s.${key})`);
    changed[table] = { missing, extra, different };
  }
  return changed;
}

/** The events committed since `snapshot` was taken, as this statement's snapshot sees them. */
async function eventsSince(q: SqlConnection, names: PgNames, snapshot: string): Promise<EventRow[]> {
  const { rows } = await q.query(
    `SELECT ${LOG_COLUMNS} FROM ${logFrom(names.table('events'))}
      WHERE e.xid >= pg_snapshot_xmin($1::pg_snapshot) AND NOT pg_visible_in_snapshot(e.xid, $1::pg_snapshot) AND ${LOG_HELD} ORDER BY e.seq, x.ord`,
    [snapshot],
  );
  return rows as EventRow[];
}

/**
 * Rebuilds every projection online (ADR 0018): folds the log as of one
 * snapshot into fresh tables while writers go on, catches up with what they
 * committed meanwhile, round by round, and only then locks the live tables
 * (in the order writers take them) for the last few events and a swap that
 * rewrites only the rows that differ. A rebuild already running is refused.
 */
async function rebuildPgOnline(params: {
  pool: pg.Pool;
  names: PgNames;
  transaction: <T>(fn: (q: SqlConnection) => Promise<T>) => Promise<T>;
}): Promise<PgRebuildReport> {
  const { pool, names, transaction } = params;
  const shadow = shadowNames(names);
  const shadowSql = pgStatements(shadow);
  const session = await pool.connect();
  let broken: unknown;
  try {
    const { rows: got } = await session.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS ok', [LOCK_NAMESPACE.rebuild, names.schema]);
    if (!(got[0] as { ok: boolean }).ok) throw new BatonError({ code: 'REBUILD_RUNNING', message: `a rebuild of schema ${names.schema} is already running` });
    try {
      for (const { table } of TABLES) {
        await session.query(`DROP TABLE IF EXISTS ${shadow.table(table)}`);
        await session.query(`CREATE UNLOGGED TABLE ${shadow.table(table)} (LIKE ${names.table(table)} INCLUDING ALL)`);
      }
      const replay = createReplay();
      // The whole log as of one snapshot, with that snapshot recorded, so the catch-up knows exactly what it has not seen.
      await session.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      let seen = ((await session.query('SELECT pg_current_snapshot()::text AS s')).rows[0] as { s: string }).s;
      for (let after = 0; ; ) {
        const page = (await session.query(afterSql(names.table('events')), [after, PAGE])).rows as EventRow[];
        for (const row of page) replay.add(toStoredEvent(row));
        const last = page[page.length - 1];
        if (!last || page.length < PAGE) break;
        after = last.seq;
      }
      await session.query('COMMIT');
      await writeDocs(session, shadow, shadowSql, replay.result().projections, 'all');
      // Fresh tables have no statistics; without them the swap's joins may be planned as nested loops.
      for (const { table } of TABLES) await session.query(`ANALYZE ${shadow.table(table)}`);

      const foldIn = (rows: EventRow[]) => {
        const touched = new Map<ProjectionKind, Set<string>>();
        for (const row of rows) {
          replay.add(toStoredEvent(row));
          const { kind, key } = streamKind(row.stream_id);
          touched.set(kind, (touched.get(kind) ?? new Set()).add(key));
        }
        return touched;
      };
      let caughtUp = 0;
      let rounds = 0;
      while (rounds < MAX_ROUNDS) {
        rounds += 1;
        await session.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
        const next = ((await session.query('SELECT pg_current_snapshot()::text AS s')).rows[0] as { s: string }).s;
        const delta = await eventsSince(session, names, seen);
        await session.query('COMMIT');
        await writeDocs(session, shadow, shadowSql, replay.result().projections, foldIn(delta));
        caughtUp += delta.length;
        seen = next;
        if (delta.length <= SMALL_DELTA) break;
      }

      // A reader already holding one of these tables while it waits for another would deadlock with the swap, and
      // PostgreSQL might end the reader to break it. Giving up the wait before any deadlock check can run (lock_timeout
      // below deadlock_timeout) makes the swap the only party that ever backs off; it then simply tries again.
      const deadlockMs = Number(((await session.query(`SELECT setting FROM pg_settings WHERE name = 'deadlock_timeout'`)).rows[0] as { setting: string }).setting);
      const lockWaitMs = Math.max(10, Math.floor(deadlockMs / 3));
      const swap = async () =>
        transaction(async (q) => {
          await q.query(`SET LOCAL lock_timeout = ${lockWaitMs}`);
          await q.query(`LOCK TABLE ${[...TABLES.map((t) => names.table(t.table)), names.table('events')].join(', ')} IN ACCESS EXCLUSIVE MODE`);
          const lockedAt = performance.now();
          // Under the lock no writer is in flight: this statement's snapshot holds every event there is.
          const last = await eventsSince(q, names, seen);
          await writeDocs(q, shadow, shadowSql, replay.result().projections, foldIn(last));
          const changed = await syncFromShadow(q, names, shadow);
          return { last: last.length, changed, lockedMs: performance.now() - lockedAt };
        });
      for (let attempt = 1; ; attempt++) {
        try {
          // The replay skips what it already folded, so a swap that gave up its lock wait can simply run again.
          const done = await swap();
          return { events: replay.result().events, caughtUp: caughtUp + done.last, rounds, lockedMs: Math.round(done.lockedMs), changed: done.changed };
        } catch (error) {
          if (!SWAP_RETRY_CODES.has((error as { code?: string }).code ?? '') || attempt >= MAX_SWAP_ATTEMPTS) throw error;
          await new Promise((resolve) => setTimeout(resolve, lockWaitMs * Math.random()));
        }
      }
    } finally {
      await session.query('ROLLBACK').catch(() => undefined);
      for (const { table } of TABLES) await session.query(`DROP TABLE IF EXISTS ${shadow.table(table)}`).catch((error: unknown) => (broken = error));
      await session.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE.rebuild, names.schema]).catch((error: unknown) => (broken = error));
    }
  } catch (error) {
    broken ??= error instanceof BatonError ? undefined : error;
    throw error;
  } finally {
    // A session that failed mid-way may still hold the advisory lock: discard it rather than return it to the pool.
    session.release(broken ? (broken instanceof Error ? broken : new Error(String(broken))) : undefined);
  }
}

export { rebuildPgOnline };
export type { PgRebuildReport };
