import type pg from 'pg';
import { type RebuildReport, type SqlConnection } from '@baton/core';
import { type PgNames } from './pg-schema.js';
/** On PostgreSQL a rebuild also says how many catch-up rounds it took. */
type PgRebuildReport = RebuildReport & {
    rounds: number;
    changed: NonNullable<RebuildReport['changed']>;
};
/**
 * Rebuilds every projection online (ADR 0018): folds the log as of one
 * snapshot into fresh tables while writers go on, catches up with what they
 * committed meanwhile, round by round, and only then locks the live tables
 * (in the order writers take them) for the last few events and a swap that
 * rewrites only the rows that differ. A rebuild already running is refused.
 */
declare function rebuildPgOnline(params: {
    pool: pg.Pool;
    names: PgNames;
    transaction: <T>(fn: (q: SqlConnection) => Promise<T>) => Promise<T>;
}): Promise<PgRebuildReport>;
export { rebuildPgOnline };
export type { PgRebuildReport };
//# sourceMappingURL=pg-online-rebuild.d.ts.map