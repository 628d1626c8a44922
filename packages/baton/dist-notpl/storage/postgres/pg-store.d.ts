import type pg from 'pg';
import { type Clock, type TaskStore } from '@baton/core';
interface PgStoreOptions {
    pool: pg.Pool;
    /** The schema Baton's tables live in, so it can share an application's database. Default `baton`. */
    schema?: string;
    /**
     * Pins the time, for tests only. Without it every time (event times, leases,
     * due checks) comes from the database clock, so nodes with skewed clocks agree.
     */
    clock?: Clock;
    /**
     * Runs the hot prepared statements (submit, claim, reports, promotion). Its
     * sessions should plan generically (ADR 0022); `pool` by default.
     */
    hotPool?: pg.Pool;
    /** Hot connections to open at start with every hot statement prepared on them. */
    warmHot?: {
        connections: number;
        allOn: number;
    };
    /** End the pools when the store closes (when the store was given pools of its own). */
    endPoolOnClose?: boolean;
}
/**
 * The PostgreSQL store. Same contract as the SQLite one: every write decides
 * with the pure domain, appends the events and writes their fold into the
 * projection in one transaction. The claim is one statement (see
 * pg-statements.ts). Each transaction also NOTIFYs the cluster of what it
 * changed; PostgreSQL delivers that only if the transaction commits.
 */
declare function createPgStore(options: PgStoreOptions): Promise<TaskStore>;
export { createPgStore };
export type { PgStoreOptions };
//# sourceMappingURL=pg-store.d.ts.map