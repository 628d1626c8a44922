import type pg from 'pg';
import { afterEach, beforeEach } from 'vitest';
import type { TaskStore } from '@baton/core';
import { createPgStore } from '../../src/storage/postgres/pg-store.js';
import { dropSchema, testPool, uniqueSchema } from './postgres.js';

/** What each test of a suite gets: a schema of its own, a pool and a store on it. */
interface PgStoreUnderTest {
  schema: string;
  pool: pg.Pool;
  store: TaskStore;
}

/**
 * A fresh PostgreSQL store for each test of the calling suite, closed and its
 * schema dropped after the test. Read the fields inside tests: they change per test.
 */
function pgStorePerTest(prefix: string): PgStoreUnderTest {
  const current = {} as PgStoreUnderTest;
  beforeEach(async () => {
    current.schema = uniqueSchema(prefix);
    current.pool = testPool();
    current.store = await createPgStore({ pool: current.pool, schema: current.schema });
  });
  afterEach(async () => {
    await current.store.close();
    await current.pool.end();
    await dropSchema(current.schema);
  });
  return current;
}

export { pgStorePerTest };
export type { PgStoreUnderTest };
