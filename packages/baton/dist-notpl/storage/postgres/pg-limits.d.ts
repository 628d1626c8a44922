import type pg from 'pg';
import { type FlowLimitsView, type LimitInUse, type SetLimits, type SqlConnection, type TaskView } from '@baton/core';
import { type PgNames } from './pg-schema.js';
import type { PgStatements } from './pg-statements.js';
/**
 * Concurrency and rate limits on PostgreSQL. The aggregate (`limits:<scope>`
 * streams, `flow_limits` projection), and the limited claim: tasks that count
 * against a limit are claimed only under one transaction-scoped advisory lock
 * per schema, each statement after the lock reading a fresh snapshot, so the
 * running counts and recent starts it reads are exact. Tasks under no limit
 * never take the lock (the fast claim leaves limited ones out).
 */
declare function createPgLimits(params: {
    pool: pg.Pool;
    names: PgNames;
    sql: PgStatements;
    pinnedNow: () => number | null;
}): {
    set(q: SqlConnection, command: SetLimits): Promise<FlowLimitsView>;
    list(q: SqlConnection): Promise<FlowLimitsView[]>;
    /** The limits on these scopes with their use now (for explaining a wait; takes no lock). */
    usage(q: SqlConnection, scopes: readonly string[]): Promise<LimitInUse[]>;
    /** Whether a claim of these types may find tasks under a limit (read at most once a second). */
    mayApply(types: readonly string[]): Promise<boolean>;
    /** The limited claim, inside the caller's transaction: lock, count, pick within the limits, claim, record the starts. */
    claim(q: SqlConnection, claim: {
        agentId: string;
        types: readonly string[];
        limit: number;
        leaseMs: number;
    }): Promise<TaskView[]>;
};
export { createPgLimits };
//# sourceMappingURL=pg-limits.d.ts.map