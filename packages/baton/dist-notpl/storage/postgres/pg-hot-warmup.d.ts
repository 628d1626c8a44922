import type pg from 'pg';
import { type PgFastWrites } from './pg-fast-writes.js';
import type { PgNames } from './pg-schema.js';
import type { PgStatements } from './pg-statements.js';
/**
 * Opens `connections` connections of the hot pool and prepares hot statements
 * on each, running them on nothing: no row is read for update, written or
 * notified. A statement's first run on a connection parses and plans it, and
 * that cost tens of milliseconds on the first tasks a fresh node handled
 * (bench/RESULTS.md, history 8). The submit statements are prepared on every
 * connection, since a burst of submissions takes them all at once, and so is
 * the promotion, whose first run on a connection (about 11 ms) made a
 * delayed task start that much late (history 34); the others on the first
 * `allOn` only. Prepared on all ten while the tables were still
 * empty, they made a 20,000-task drain fall from 850 to 300 tasks/s once it
 * was 16,000 tasks in (history 22). The connections stay in the pool.
 */
declare function warmHotStatements(params: {
    hot: pg.Pool;
    names: PgNames;
    sql: PgStatements;
    fast: PgFastWrites;
    submitNow: {
        prepareOn(client: pg.PoolClient): Promise<void>;
        observeClock(client: pg.PoolClient): Promise<void>;
    };
    connections: number;
    allOn: number;
}): Promise<void>;
export { warmHotStatements };
//# sourceMappingURL=pg-hot-warmup.d.ts.map