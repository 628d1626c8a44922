import type pg from 'pg';
import type { SqlConnection } from '@baton/core';
/** True when the query failed because its connection died, not because of the query. */
declare function isConnectionLoss(error: unknown): boolean;
/**
 * The pool, for statements that change nothing: one that meets a connection
 * the server has just ended (a restart, a killed backend, a pool that had not
 * yet noticed) or that was chosen to break a deadlock runs once more. Writes never go through this:
 * whether a write on a lost connection committed is unknown.
 */
declare function retryingReads(pool: pg.Pool): SqlConnection;
export { retryingReads, isConnectionLoss };
//# sourceMappingURL=pg-read-retry.d.ts.map