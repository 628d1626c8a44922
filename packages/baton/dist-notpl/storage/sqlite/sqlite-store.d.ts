import { type Clock, type TaskStore } from '@baton/core';
type Synchronous = 'off' | 'normal' | 'full' | 'extra';
interface SqliteStoreOptions {
    /** A file path, or ':memory:'. */
    path: string;
    clock: Clock;
    /** FULL by default: an acknowledged submission survives a power cut, not only a crash. */
    synchronous?: Synchronous;
}
/**
 * The embedded store. Every write is one IMMEDIATE transaction that runs the
 * command through `decide`, appends the events and writes the fold of them
 * into the projection row, so the row can never drift from its stream.
 */
declare function createSqliteStore(options: SqliteStoreOptions): TaskStore;
export { createSqliteStore };
export type { SqliteStoreOptions, Synchronous };
//# sourceMappingURL=sqlite-store.d.ts.map