import type pg from 'pg';
import type { SqlConnection, TaskStore } from '@baton/core';
import type { PgNames } from './pg-schema.js';
import type { PgStatements } from './pg-statements.js';
/** The store's replay tools: every projection as stored, the online rebuild, and what retention archives and removes. */
declare function createPgProjectionTools(params: {
    pool: pg.Pool;
    names: PgNames;
    sql: PgStatements;
    transaction: <T>(fn: (q: SqlConnection) => Promise<T>) => Promise<T>;
    /** Told once rebuilt tables are in place, so that nothing read from the old rows is kept. */
    afterRebuild: () => void;
}): Pick<TaskStore, 'rebuildProjections' | 'dumpProjections' | 'archiveCandidates' | 'removeArchived'>;
export { createPgProjectionTools };
//# sourceMappingURL=pg-rebuild.d.ts.map