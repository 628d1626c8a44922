import type pg from 'pg';
import { type Handoff, type NewTask, type SinceAccepted, type TaskView } from '@baton/core';
import { type PgNames } from './pg-schema.js';
/** Tasks this statement can take: every time relative to the store's now, no idempotency key. */
declare function submitsInOneStatement(tasks: readonly NewTask[]): boolean;
declare function createPgSubmitNow(params: {
    names: PgNames;
    pinnedNow: () => number | null;
}): {
    /** Prepares the statement on a hot connection by running it on no rows. */
    prepareOn(client: pg.PoolClient): Promise<void>;
    /**
     * Reads the database's clock once, for the clock bound (pg-clock-bound.ts),
     * so that the first delayed submits of a burst have a reading. Called
     * when nothing else runs: a reading taken while the database was busy
     * bounds loosely, and each submit in a burst waits for a CPU there.
     */
    observeClock(client: pg.PoolClient): Promise<void>;
    /**
     * Writes the tasks (each created: none has a key that could match), handing
     * to `handoff`'s agents those it reserved and nothing holds back
     * (`handoffLimited`: limits may apply to them, so none is handed).
     * Delays count from the call (`sinceAccepted`, ADR 0025).
     */
    submit(client: pg.PoolClient, accepted: readonly NewTask[], options: {
        handoff?: Handoff;
        handoffLimited: boolean;
        sinceAccepted?: SinceAccepted;
    }): Promise<TaskView[]>;
};
export { createPgSubmitNow, submitsInOneStatement };
//# sourceMappingURL=pg-submit-now.d.ts.map