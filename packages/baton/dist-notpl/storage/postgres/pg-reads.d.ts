import type { SqlConnection, TaskStore } from '@baton/core';
import type { PgStatements } from './pg-statements.js';
/** The store's plain reads: no lock, no write, retried when a rebuild's swap ends them (`retryingReads`). */
declare function createPgReads(params: {
    reads: SqlConnection;
    sql: PgStatements;
}): Pick<TaskStore, 'nextDueAt' | 'get' | 'list' | 'readStream' | 'readAll' | 'readFeed' | 'feedTail' | 'stats'>;
export { createPgReads };
//# sourceMappingURL=pg-reads.d.ts.map