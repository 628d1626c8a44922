import { describe, expect, it } from 'vitest';
import { createPgFastWrites } from '../../src/storage/postgres/pg-fast-writes.js';
import { pgNames } from '../../src/storage/postgres/pg-schema.js';
import { postgresAvailable } from '../support/postgres.js';
import { pgStorePerTest } from '../support/pg-store-per-test.js';
import { newTask } from './store-contract-support.js';

/**
 * A report's update joins the rows it was given to the tasks table. PostgreSQL
 * guesses 100 rows for the JSON it is given, so once the table's statistics say
 * it is small enough, scanning it all and hashing looks cheaper than 100 key
 * lookups: every report then read the whole table (a drain of 20,000 fell from
 * 4.8k to 2.8k tasks/s, bench/RESULTS.md history 48). The update must find its
 * rows by key whatever the statistics say.
 */
describe.runIf(postgresAvailable)('postgres: a report finds its rows by key', () => {
  const under = pgStorePerTest('reportplan');

  it('uses the primary key on an analyzed table of a few thousand tasks, in every form of the statement', async () => {
    for (let i = 0; i < 6; i++) await under.store.submit({ tasks: Array.from({ length: 500 }, () => newTask()) });
    await under.pool.query(`ANALYZE "${under.schema}".tasks`);
    const fast = createPgFastWrites({ names: pgNames(under.schema), pool: under.pool });
    const item = JSON.stringify([{ task: { id: 'x' }, before: 1 }]);
    for (const notify of [false, true]) {
      for (const stamp of [false, true]) {
        const values: unknown[] = [item, '[]', ...(notify ? ['c', 'p'] : []), ...(stamp ? [null] : [])];
        const { rows } = await under.pool.query(`EXPLAIN ${fast.statements.update(notify, stamp)}`, values);
        const plan = (rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
        expect(plan, `notify ${notify}, stamp ${stamp}`).toMatch(/Index Scan (using|on) tasks_pkey/);
        expect(plan, `notify ${notify}, stamp ${stamp}`).not.toMatch(/Seq Scan on tasks/);
      }
    }
  });
});
