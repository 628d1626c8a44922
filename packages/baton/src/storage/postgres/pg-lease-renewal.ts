import type pg from 'pg';
import { decide, type LeaseRenewal, type SqlConnection, type TaskStore, type TaskView } from '@baton/core';
import type { createPgAgents } from './pg-agents.js';
import type { Staged } from './pg-jobs.js';
import type { PgStatements } from './pg-statements.js';

/**
 * A heartbeat on PostgreSQL: renews the agent's liveness and extends the
 * leases it still holds, in one transaction that skips rows another
 * transaction holds (and never waits for them); those are read as they are.
 */
function createPgLeaseRenewal(params: {
  pool: pg.Pool;
  sql: PgStatements;
  agents: ReturnType<typeof createPgAgents>;
  pinnedNow: () => number | null;
  transaction: <T>(fn: (q: SqlConnection) => Promise<T>) => Promise<T>;
  append: (q: SqlConnection, pending: readonly Staged[], now: number) => Promise<TaskView[]>;
}): TaskStore['extendLeases'] {
  const { pool, sql, agents, pinnedNow, transaction, append } = params;
  return async ({ agentId, leases, leaseMs }) => {
    const ids = leases.map((l) => l.taskId);
    const { locked, now, renewed } = await transaction(async (q) => {
      const { rows } = await q.query(sql.loadLeases, [ids, pinnedNow()]);
      const { now, docs } = rows[0] as { now: number; docs: TaskView[] };
      await agents.touch(q, agentId, now, leaseMs);
      const byId = new Map(docs.map((d) => [d.id, d]));
      const pending: Staged[] = [];
      for (const { taskId, token } of leases) {
        const state = byId.get(taskId);
        if (!state) continue;
        const decision = decide(state, { kind: 'ExtendLease', taskId, token, leaseMs, now });
        if (decision.ok) pending.push({ before: state, taskId, events: decision.value });
      }
      const after = await append(q, pending, now);
      return { locked: byId, now, renewed: new Map(after.map((t) => [t.id, t])) };
    });
    // A row another transaction held was skipped: read it as it is now, it is still ours if the token matches.
    const skipped = ids.filter((id) => !locked.has(id));
    const unlocked = skipped.length ? ((await pool.query(sql.getMany, [skipped])).rows as { doc: TaskView }[]).map((r) => r.doc) : [];
    const current = new Map(unlocked.map((t) => [t.id, t]));
    return leases.map(({ taskId, token }): LeaseRenewal => {
      const task = renewed.get(taskId) ?? current.get(taskId);
      const held = !!task && task.state === 'running' && task.token === token && (renewed.has(taskId) || (task.leaseExpiresAt ?? 0) > now);
      return { taskId, held, leaseExpiresAt: held ? (task?.leaseExpiresAt ?? null) : null, cancelRequested: held && !!task?.cancelRequested };
    });
  };
}

export { createPgLeaseRenewal };
