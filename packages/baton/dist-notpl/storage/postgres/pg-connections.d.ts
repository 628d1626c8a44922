import type pg from 'pg';
import { type SqlConnection } from '@baton/core';
/** jsonb refuses the NUL character; say so plainly instead of leaking a driver error. */
declare function translateError(error: unknown): unknown;
/**
 * How the PostgreSQL store uses a pool's connections: held for a run of
 * statements (`borrow`), or in a transaction. Either way a dropped connection
 * is reported, not thrown into the void, and a broken one is never reused.
 */
declare function createPgConnections(params: {
    pool: pg.Pool;
}): {
    borrow: <T>(from: pg.Pool, fn: (client: pg.PoolClient, fail: (error: unknown) => Promise<unknown>) => Promise<T>) => Promise<T>;
    transaction: <T>(fn: (q: SqlConnection) => Promise<T>) => Promise<T>;
};
export { createPgConnections, translateError };
//# sourceMappingURL=pg-connections.d.ts.map