import type pg from 'pg';
import { retryingReads } from './pg-read-retry.js';
import { capacityOf, decideLimits, evolveLimits, limitsStreamId, pickWithinLimits, scopesOf, type FlowLimitsView, type LimitInUse, type SetLimits, type SqlConnection, type TaskView } from '@baton/core';
import { foldNewEvents } from '../stream-append.js';
import { LOCK_NAMESPACE, nowSql, type PgNames } from './pg-schema.js';
import type { PgStatements } from './pg-statements.js';
import { eventInsertSql, eventRowsParam } from './pg-event-log.js';

/**
 * How long the list of limited scopes is trusted before it is read again: a
 * limit set on another node takes effect here within this, or within twice
 * this while the node is busy (the last list stands while the next is read).
 * One set on this node takes effect at once.
 */
const LIMITS_TTL_MS = 1_000;

/**
 * Concurrency and rate limits on PostgreSQL. The aggregate (`limits:<scope>`
 * streams, `flow_limits` projection), and the limited claim: tasks that count
 * against a limit are claimed only under one transaction-scoped advisory lock
 * per schema, each statement after the lock reading a fresh snapshot, so the
 * running counts and recent starts it reads are exact. Tasks under no limit
 * never take the lock (the fast claim leaves limited ones out).
 */
function createPgLimits(params: { pool: pg.Pool; names: PgNames; sql: PgStatements; pinnedNow: () => number | null }) {
  // A read: one that meets a connection the server has just ended runs again rather than failing the claim it serves.
  const reads = retryingReads(params.pool);
  const { names, sql, pinnedNow } = params;
  const table = names.table('flow_limits');
  const text = {
    load: `SELECT ${nowSql('$2')}::float8 AS now, (SELECT doc FROM ${table} WHERE scope = $1 FOR UPDATE) AS doc`,
    insertEvents: eventInsertSql(names),
    upsert: `INSERT INTO ${table} (scope, active, version, doc) VALUES ($1, $2, $3, $4::jsonb)
      ON CONFLICT (scope) DO UPDATE SET active = excluded.active, version = excluded.version, doc = excluded.doc`,
    all: `SELECT doc FROM ${table} ORDER BY scope`,
    active: `SELECT doc FROM ${table} WHERE active`,
    lock: `SELECT pg_advisory_xact_lock($1, hashtext($2)), ${nowSql('$3')}::float8 AS now`,
    running: `SELECT 'type:' || type AS scope, count(*)::int AS n FROM ${names.table('tasks')} WHERE state = 'running' AND 'type:' || type = ANY($1::text[]) GROUP BY type
      UNION ALL
      SELECT 'key:' || limit_key, count(*)::int FROM ${names.table('tasks')} WHERE state = 'running' AND limit_key IS NOT NULL AND 'key:' || limit_key = ANY($1::text[]) GROUP BY limit_key`,
    prune: `DELETE FROM ${names.table('task_starts')} s USING unnest($1::text[], $2::bigint[]) AS w(scope, since) WHERE s.scope = w.scope AND s.started_at <= w.since`,
    recent: `SELECT s.scope, count(*)::int AS n FROM ${names.table('task_starts')} s JOIN unnest($1::text[], $2::bigint[]) AS w(scope, since)
      ON s.scope = w.scope AND s.started_at > w.since GROUP BY s.scope`,
    usage: `SELECT ${nowSql('$2')}::float8 AS now, COALESCE((SELECT jsonb_agg(doc) FROM ${table} WHERE active AND scope = ANY($1::text[])), '[]'::jsonb) AS limits`,
    recentWithOldest: `SELECT s.scope, count(*)::int AS n, min(s.started_at)::float8 AS oldest FROM ${names.table('task_starts')} s
      JOIN unnest($1::text[], $2::bigint[]) AS w(scope, since) ON s.scope = w.scope AND s.started_at > w.since GROUP BY s.scope`,
    start: `INSERT INTO ${names.table('task_starts')} (scope, started_at) SELECT unnest($1::text[]), $2::bigint`,
  };
  let cached: { at: number; scopes: Set<string> } | null = null;
  /** Bumped by every change made here: a read begun before it answers no one who asks after, and is not kept. */
  let generation = 0;
  let reading: { generation: number; scopes: Promise<Set<string>> } | null = null;

  function readScopes(): Promise<Set<string>> {
    if (reading && reading.generation === generation) return reading.scopes;
    const begunIn = generation;
    const scopes: Promise<Set<string>> = reads
      .query(text.active)
      .then(({ rows }) => {
        const read = new Set((rows as { doc: FlowLimitsView }[]).map((r) => r.doc.scope));
        if (begunIn === generation) cached = { at: Date.now(), scopes: read };
        return read;
      })
      .finally(() => {
        if (reading?.scopes === scopes) reading = null;
      });
    reading = { generation: begunIn, scopes };
    return scopes;
  }

  async function activeScopes(): Promise<Set<string>> {
    const age = cached ? Date.now() - cached.at : Infinity;
    if (cached && age < LIMITS_TTL_MS) return cached.scopes;
    // Stale but recent: answered at once while it is read again. Awaited, the read held one promotion, claim or
    // submission in forty (at one every 25 ms) a round trip longer, the slowest of them (bench/RESULTS.md, history 49).
    if (cached && age < 2 * LIMITS_TTL_MS) {
      readScopes().catch(() => undefined);
      return cached.scopes;
    }
    return readScopes();
  }

  return {
    async set(q: SqlConnection, command: SetLimits): Promise<FlowLimitsView> {
      const { rows } = await q.query(text.load, [command.scope, pinnedNow()]);
      const { now, doc: state } = rows[0] as { now: number; doc: FlowLimitsView | null };
      const { next, rows: events } = foldNewEvents({ state, streamId: limitsStreamId(command.scope), events: decideLimits(state, command), now, evolve: evolveLimits });
      if (events.length) await q.query(text.insertEvents, [eventRowsParam(events)]);
      cached = null;
      generation++;
      if (!next) return { scope: command.scope, concurrency: null, rate: null, updatedAt: now, version: 0 };
      if (next !== state) await q.query(text.upsert, [next.scope, next.concurrency !== null || next.rate !== null, next.version, JSON.stringify(next)]);
      return next;
    },
    async list(q: SqlConnection): Promise<FlowLimitsView[]> {
      return ((await q.query(text.all)).rows as { doc: FlowLimitsView }[]).map((r) => r.doc);
    },
    /** The limits on these scopes with their use now (for explaining a wait; takes no lock). */
    async usage(q: SqlConnection, scopes: readonly string[]): Promise<LimitInUse[]> {
      const { rows } = await q.query(text.usage, [[...scopes], pinnedNow()]);
      const { now, limits } = rows[0] as { now: number; limits: FlowLimitsView[] };
      if (limits.length === 0) return [];
      const running = new Map(((await q.query(text.running, [limits.map((l) => l.scope)])).rows as { scope: string; n: number }[]).map((r) => [r.scope, r.n]));
      const rated = limits.filter((l) => l.rate !== null);
      const recent = new Map(
        ((await q.query(text.recentWithOldest, [rated.map((l) => l.scope), rated.map((l) => now - (l.rate?.intervalMs ?? 0))])).rows as { scope: string; n: number; oldest: number }[]).map((r) => [r.scope, r]),
      );
      return limits.map((l) => ({
        scope: l.scope,
        concurrency: l.concurrency,
        running: running.get(l.scope) ?? 0,
        rate: l.rate && { ...l.rate, recentStarts: recent.get(l.scope)?.n ?? 0, oldestRecentStart: recent.get(l.scope)?.oldest ?? null },
      }));
    },
    /** Whether a claim of these types may find tasks under a limit (read at most once a second). */
    async mayApply(types: readonly string[]): Promise<boolean> {
      const scopes = await activeScopes();
      if (scopes.size === 0) return false;
      return types.some((t) => scopes.has(`type:${t}`)) || [...scopes].some((s) => s.startsWith('key:'));
    },
    /** The limited claim, inside the caller's transaction: lock, count, pick within the limits, claim, record the starts. */
    async claim(q: SqlConnection, claim: { agentId: string; types: readonly string[]; limit: number; leaseMs: number }): Promise<TaskView[]> {
      const locked = await q.query(text.lock, [LOCK_NAMESPACE.limits, names.schema, pinnedNow()]);
      const now = (locked.rows[0] as { now: number }).now;
      const limits = ((await q.query(text.active)).rows as { doc: FlowLimitsView }[]).map((r) => r.doc);
      if (limits.length === 0) return [];
      const scopes = limits.map((l) => l.scope);
      const running = new Map(((await q.query(text.running, [scopes])).rows as { scope: string; n: number }[]).map((r) => [r.scope, r.n]));
      const rated = limits.filter((l) => l.rate !== null);
      const since = rated.map((l) => now - (l.rate?.intervalMs ?? 0));
      let recentStarts = new Map<string, number>();
      if (rated.length > 0) {
        await q.query(text.prune, [rated.map((l) => l.scope), since]);
        recentStarts = new Map(((await q.query(text.recent, [rated.map((l) => l.scope), since])).rows as { scope: string; n: number }[]).map((r) => [r.scope, r.n]));
      }
      const capacity = capacityOf({ limits, running, recentStarts });
      const full = [...capacity].filter(([, left]) => left <= 0).map(([scope]) => scope);
      const fullTypes = full.filter((s) => s.startsWith('type:')).map((s) => s.slice(5));
      const fullKeys = full.filter((s) => s.startsWith('key:')).map((s) => s.slice(4));
      // More candidates than slots: some may not fit what their limits allow.
      const { rows } = await q.query(sql.limitedCandidates, [[...claim.types], claim.limit * 2 + 10, claim.agentId, fullTypes, fullKeys]);
      const picked = pickWithinLimits({ candidates: (rows as { doc: TaskView }[]).map((r) => r.doc), capacity, limit: claim.limit });
      if (picked.length === 0) return [];
      const claimed = ((await q.query(sql.claimIds, [picked.map((t) => t.id), picked.length, claim.agentId, now, claim.leaseMs])).rows as { doc: TaskView }[]).map((r) => r.doc);
      const ratedScopes = new Set(rated.map((l) => l.scope));
      const starts = claimed.flatMap((t) => scopesOf(t).filter((s) => ratedScopes.has(s)));
      if (starts.length > 0) await q.query(text.start, [starts, now]);
      return claimed;
    },
  };
}

export { createPgLimits };
