import type pg from 'pg';
import { type SqlConnection, type TaskEvent, type TaskView } from '@baton/core';
import { type PgNames } from './pg-schema.js';
/** A hot statement as a query config that pg prepares once per pooled connection: planning these costs more than running them. */
declare function preparedQuery(names: PgNames, key: string, text: string, values: unknown[]): pg.QueryConfig;
/** A connection taken from the hot pool, on which the hot statements run prepared. */
interface HotClient {
    hotConnection: pg.PoolClient;
}
/**
 * Writes that need no transaction of their own: one statement each, so one
 * round trip and one commit (ADR 0020).
 *
 * - `insert` appends the TaskSubmitted events of new tasks and inserts their
 *   rows, taking each task's submitSeq and queueSeq from its event, as evolve
 *   does.
 * - `update` writes the fold of a task's new events only if the row is still
 *   at the version the decision was made on. The row's lock and version check
 *   come first and the events second, so the rule of ADR 0006 holds (xid no
 *   later than the row lock). A row that moved on writes nothing, and the
 *   caller decides again under the lock.
 */
declare function createPgFastWrites(params: {
    names: PgNames;
    pool: pg.Pool;
    hot?: pg.Pool;
}): {
    /**
     * Prepares both statements (or only the submit's), in both forms, on this
     * connection, by running them on no rows: nothing is written and nothing
     * notified.
     */
    prepareOn(client: pg.PoolClient, options?: {
        submitOnly?: boolean;
    }): Promise<void>;
    /** New tasks, each with its one TaskSubmitted event; returns their rows as stored. */
    insert(q: SqlConnection | pg.Pool | HotClient, created: readonly {
        taskId: string;
        events: readonly TaskEvent[];
    }[], now: number): Promise<TaskView[]>;
    /**
     * Each task's new events, if its row is still at `before.version`: per
     * item the new state, or null when its row moved on. One task at most
     * once per call: two items of one task would write one row and both
     * sets of events.
     *
     * With `stamp`, the items' `now` is not used: the statement's own now is
     * the events' time and the new updatedAt. Only for events whose fold
     * takes nothing else from the time (TaskSucceeded): the row written is
     * then the fold of the events as stored.
     */
    update(q: SqlConnection | pg.Pool, items: readonly {
        before: TaskView;
        events: readonly TaskEvent[];
        now: number;
    }[], options?: {
        stamp?: {
            pinnedNow: number | null;
        };
    }): Promise<(TaskView | null)[]>;
};
type PgFastWrites = ReturnType<typeof createPgFastWrites>;
export { createPgFastWrites, preparedQuery };
export type { PgFastWrites, HotClient };
//# sourceMappingURL=pg-fast-writes.d.ts.map