import type Database from 'better-sqlite3';
interface Migration {
    id: number;
    name: string;
    sql: string;
}
/** In order; forward only. Append new ones, never edit a released one. */
declare const MIGRATIONS: readonly Migration[];
declare function migrate(params: {
    db: Database.Database;
    now: number;
}): {
    applied: number[];
};
export { migrate, MIGRATIONS };
export type { Migration };
//# sourceMappingURL=migrations.d.ts.map