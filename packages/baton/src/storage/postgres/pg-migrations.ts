import type pg from 'pg';
import { LOCK_NAMESPACE, type PgNames } from './pg-schema.js';
import { migration0001 } from './migrations/0001-initial.js';
import { migration0002 } from './migrations/0002-agents.js';
import { migration0003 } from './migrations/0003-type-controls.js';
import { migration0004 } from './migrations/0004-api-tokens.js';
import { migration0005 } from './migrations/0005-jobs-and-routing.js';
import { migration0006 } from './migrations/0006-event-type-versions.js';
import { migration0007 } from './migrations/0007-task-trace.js';
import { migration0008 } from './migrations/0008-narrow-task-row.js';
import { migration0009 } from './migrations/0009-list-indexes-without-queued.js';
import { migration0010 } from './migrations/0010-submitted-fields-apart.js';
import { migration0011 } from './migrations/0011-list-indexes-without-running.js';
import { migration0012 } from './migrations/0012-batch-submitted-row.js';
import { migration0013 } from './migrations/0013-run-times-to-the-microsecond.js';

interface PgMigration {
  id: number;
  name: string;
  sql: (names: PgNames) => string;
}

/** In order; forward only. Append new ones, never edit a released one. */
const PG_MIGRATIONS: readonly PgMigration[] = [migration0001, migration0002, migration0003, migration0004, migration0005, migration0006, migration0007, migration0008, migration0009, migration0010, migration0011, migration0012, migration0013];

/**
 * Brings the schema up to date in one transaction under an advisory lock, so
 * two nodes starting together never both apply a migration: the second waits,
 * then finds nothing left to do. DDL in PostgreSQL is transactional, so a
 * failed migration leaves nothing half-applied.
 */
async function migratePg(params: { pool: pg.Pool; names: PgNames }): Promise<{ applied: number[] }> {
  const { pool, names } = params;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMESPACE.migrate, names.schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS "${names.schema}"`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${names.table('migrations')} (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
    );
    const { rows } = await client.query<{ id: number }>(`SELECT id FROM ${names.table('migrations')}`);
    const done = new Set(rows.map((r) => r.id));
    const known = new Set(PG_MIGRATIONS.map((m) => m.id));
    const unknown = [...done].filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new Error(
        `schema "${names.schema}" was migrated by a newer Baton (migrations ${unknown.join(', ')} are unknown here); upgrade Baton to use it`,
      );
    }
    const applied: number[] = [];
    for (const migration of PG_MIGRATIONS) {
      if (done.has(migration.id)) continue;
      await client.query(migration.sql(names));
      await client.query(`INSERT INTO ${names.table('migrations')} (id, name) VALUES ($1, $2)`, [migration.id, migration.name]);
      applied.push(migration.id);
    }
    await client.query('COMMIT');
    return { applied };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export { migratePg, PG_MIGRATIONS };
export type { PgMigration };
