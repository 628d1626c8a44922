import type pg from 'pg';
import { type PgNames } from './pg-schema.js';
interface PgMigration {
    id: number;
    name: string;
    sql: (names: PgNames) => string;
}
/** In order; forward only. Append new ones, never edit a released one. */
declare const PG_MIGRATIONS: readonly PgMigration[];
/**
 * Brings the schema up to date in one transaction under an advisory lock, so
 * two nodes starting together never both apply a migration: the second waits,
 * then finds nothing left to do. DDL in PostgreSQL is transactional, so a
 * failed migration leaves nothing half-applied.
 */
declare function migratePg(params: {
    pool: pg.Pool;
    names: PgNames;
}): Promise<{
    applied: number[];
}>;
export { migratePg, PG_MIGRATIONS };
export type { PgMigration };
//# sourceMappingURL=pg-migrations.d.ts.map