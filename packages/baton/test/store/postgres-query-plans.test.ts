import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { TaskStore } from '@baton/core';
import { promoteStatement } from '../../src/storage/postgres/pg-due-promotion.js';
import { pgNames } from '../../src/storage/postgres/pg-schema.js';
import { pgStatements } from '../../src/storage/postgres/pg-statements.js';
import { createPgStore } from '../../src/storage/postgres/pg-store.js';
import { dropSchema, postgresAvailable, testPool, uniqueSchema } from '../support/postgres.js';

/**
 * The sweeps bound their index scans by the database's now. Read through a
 * join with the `n` CTE, the bound was a filter instead, and each promotion
 * read every scheduled task (140 ms with 50,000 scheduled for later). A plan
 * shows it on an empty table as well as on a full one.
 */
describe.runIf(postgresAvailable)('postgres: the sweeps bound their index scans by now', () => {
  let schema: string;
  let pool: pg.Pool;
  let store: TaskStore;
  beforeEach(async () => {
    schema = uniqueSchema('plans');
    pool = testPool({ max: 1 });
    store = await createPgStore({ pool, schema });
  });
  afterEach(async () => {
    await store.close();
    await pool.end();
    await dropSchema(schema);
  });

  async function plan(text: string, values: unknown[]): Promise<string> {
    const client = await pool.connect();
    try {
      // Only an index is a choice here, so what the plan shows is whether the bound reaches it.
      await client.query('SET enable_seqscan = off');
      const { rows } = await client.query(`EXPLAIN ${text}`, values);
      return (rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
    } finally {
      await client.query('RESET enable_seqscan');
      client.release();
    }
  }

  it('the promotion scans scheduled tasks only up to now', async () => {
    const text = await plan(promoteStatement(pgNames(schema)), [null, 100, 'baton', 'agent-1', ['t'], 10, 30_000]);
    expect(text).toMatch(/Index Scan using tasks_due on tasks t\s.*\n\s+Index Cond: \(run_at <= /);
  });

  it('the lease sweep scans running tasks only up to now', async () => {
    const text = await plan(pgStatements(pgNames(schema)).expiredForUpdate, [null, 100]);
    expect(text).toMatch(/Index Scan using tasks_lease on tasks t\s.*\n\s+Index Cond: \(lease_expires_at <= /);
  });
});
