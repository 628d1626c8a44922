import { agentStreamId, decideAgent, evolveAgent, type AgentCommand, type AgentEvent, type AgentInfo, type AgentState, type AgentView, type NewAgent, type SqlConnection } from '@baton/core';
import { foldNewEvents } from '../stream-append.js';
import { nowSql, type PgNames } from './pg-schema.js';
import { eventInsertSql, eventRowsParam } from './pg-event-log.js';

type Queryable = SqlConnection;

/**
 * The agent registry on PostgreSQL: decide, append and fold on `agent:<id>`
 * streams, with the agent row locked for the write, plus the liveness lease on
 * the database clock. Each function runs in the caller's transaction.
 */
function createPgAgents(params: { names: PgNames; pinnedNow: () => number | null }) {
  const { names, pinnedNow } = params;
  const agents = names.table('agents');
  const leases = names.table('agent_leases');
  const tasks = names.table('tasks');
  const sql = {
    load: `SELECT ${nowSql('$2')}::float8 AS now, (SELECT doc FROM ${agents} WHERE id = $1 FOR UPDATE) AS doc`,
    insertEvents: eventInsertSql(names),
    upsert: `INSERT INTO ${agents} (id, state, version, doc) VALUES ($1, $2, $3, $4::jsonb)
      ON CONFLICT (id) DO UPDATE SET state = excluded.state, version = excluded.version, doc = excluded.doc`,
    lease: `INSERT INTO ${leases} (agent_id, last_seen_at, expires_at) VALUES ($1, $2, $2::bigint + $3::bigint)
      ON CONFLICT (agent_id) DO UPDATE SET last_seen_at = excluded.last_seen_at, expires_at = excluded.expires_at`,
    dropLease: `DELETE FROM ${leases} WHERE agent_id = $1`,
    expired: `WITH n AS (SELECT ${nowSql('$1')} AS ms)
      SELECT n.ms::float8 AS now, a.id, l.last_seen_at::float8 AS last_seen_at FROM ${agents} a JOIN ${leases} l ON l.agent_id = a.id, n
      WHERE a.state = 'live' AND l.expires_at <= (SELECT ms FROM n) ORDER BY l.expires_at LIMIT $2 FOR UPDATE OF a SKIP LOCKED`,
    /** The running tasks are grouped by agent in one pass over the lease index (there is no index by agent: ADR 0032). */
    list: `SELECT a.doc, l.last_seen_at::float8 AS last_seen_at, l.expires_at::float8 AS expires_at, COALESCE(r.task_ids, '{}') AS task_ids
      FROM ${agents} a LEFT JOIN ${leases} l ON l.agent_id = a.id
      LEFT JOIN (SELECT t.agent_id, array_agg(t.id ORDER BY t.id) AS task_ids FROM ${tasks} t WHERE t.state = 'running' GROUP BY t.agent_id) r ON r.agent_id = a.id`,
  };

  async function apply(q: Queryable, command: AgentCommand): Promise<{ view: AgentView | null; now: number }> {
    const { rows } = await q.query(sql.load, [command.agentId, pinnedNow()]);
    const { now, doc: state } = rows[0] as { now: number; doc: AgentView | null };
    const decision = decideAgent(state, command);
    if (!decision.ok || decision.value.length === 0) return { view: state, now };
    const { next, rows: stored } = foldNewEvents({ state, streamId: agentStreamId(command.agentId), events: decision.value as AgentEvent[], now, evolve: evolveAgent });
    await q.query(sql.insertEvents, [eventRowsParam(stored)]);
    const view = next as AgentView | null;
    if (view) await q.query(sql.upsert, [view.id, view.state, view.version, JSON.stringify(view)]);
    return { view, now };
  }

  type ListRow = { doc: AgentView; last_seen_at: number | null; expires_at: number | null; task_ids: string[] };
  const toInfo = (row: ListRow): AgentInfo => ({
    ...row.doc,
    lastSeenAt: row.last_seen_at,
    aliveUntil: row.doc.state === 'live' ? row.expires_at : null,
    taskIds: row.task_ids,
  });

  return {
    async register(q: Queryable, agent: NewAgent, leaseMs: number): Promise<AgentView> {
      const { view, now } = await apply(q, { kind: 'RegisterAgent', ...agent });
      await q.query(sql.lease, [agent.agentId, now, leaseMs]);
      if (!view) throw new Error('unreachable: a registration produced no agent');
      return view;
    },
    /** A heartbeat renews liveness; an agent declared lost that beats again is registered again. */
    async touch(q: Queryable, agentId: string, now: number, leaseMs: number): Promise<void> {
      const { rows } = await q.query(sql.load, [agentId, pinnedNow()]);
      const state = (rows[0] as { doc: AgentView | null }).doc;
      if (!state || state.state === 'stopped') return;
      if (state.state === 'lost') await apply(q, { kind: 'RegisterAgent', agentId, host: state.host, labels: state.labels, types: state.types, concurrency: state.concurrency });
      await q.query(sql.lease, [agentId, now, leaseMs]);
    },
    async stop(q: Queryable, agentId: string, reason: string): Promise<AgentView | null> {
      const { view } = await apply(q, { kind: 'StopAgent', agentId, reason });
      await q.query(sql.dropLease, [agentId]);
      return view;
    },
    async expire(q: Queryable, limit: number): Promise<AgentView[]> {
      const { rows } = await q.query(sql.expired, [pinnedNow(), limit]);
      const lost: AgentView[] = [];
      for (const row of rows as { id: string; last_seen_at: number }[]) {
        const { view } = await apply(q, { kind: 'MarkAgentLost', agentId: row.id, lastSeenAt: row.last_seen_at });
        if (view) lost.push(view);
      }
      return lost;
    },
    async list(q: Queryable, states: readonly AgentState[] | undefined): Promise<AgentInfo[]> {
      const filtered = states?.length ? `${sql.list} WHERE a.state = ANY($1::text[]) ORDER BY a.id` : `${sql.list} ORDER BY a.id`;
      const { rows } = await q.query(filtered, states?.length ? [[...states]] : []);
      return (rows as ListRow[]).map(toInfo);
    },
    async get(q: Queryable, agentId: string): Promise<AgentInfo | null> {
      const { rows } = await q.query(`${sql.list} WHERE a.id = $1`, [agentId]);
      const row = rows[0] as ListRow | undefined;
      return row ? toInfo(row) : null;
    },
  };
}

export { createPgAgents };
