import type pg from 'pg';
import { type SqlConnection, type TaskStore, type TaskView } from '@baton/core';
import type { createPgAgents } from './pg-agents.js';
import type { Staged } from './pg-jobs.js';
import type { PgStatements } from './pg-statements.js';
/**
 * A heartbeat on PostgreSQL: renews the agent's liveness and extends the
 * leases it still holds, in one transaction that skips rows another
 * transaction holds (and never waits for them); those are read as they are.
 */
declare function createPgLeaseRenewal(params: {
    pool: pg.Pool;
    sql: PgStatements;
    agents: ReturnType<typeof createPgAgents>;
    pinnedNow: () => number | null;
    transaction: <T>(fn: (q: SqlConnection) => Promise<T>) => Promise<T>;
    append: (q: SqlConnection, pending: readonly Staged[], now: number) => Promise<TaskView[]>;
}): TaskStore['extendLeases'];
export { createPgLeaseRenewal };
//# sourceMappingURL=pg-lease-renewal.d.ts.map