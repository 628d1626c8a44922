import { afterAll, beforeAll, describe, it } from 'vitest';
import type pg from 'pg';
import { createFakeClock } from '@baton/core/testing';
import { createPgStore } from '../../src/storage/postgres/pg-store.js';
import { dropSchema, postgresAvailable, testPool, uniqueSchema } from '../support/postgres.js';
import { checkProjectionInvariant } from './projection-invariant.js';

// The same 1,000 sequences as SQLite; BATON_PG_PROPERTY_RUNS lowers it for a quick local run.
const RUNS = Number(process.env.BATON_PG_PROPERTY_RUNS ?? 1_000);

describe.runIf(postgresAvailable)('postgres invariant', () => {
  const schema = uniqueSchema('invariant');
  let pool: pg.Pool;
  beforeAll(() => {
    pool = testPool();
  });
  afterAll(async () => {
    await pool.end();
    await dropSchema(schema);
  });

  it(`postgres: every projection equals the fold of its stream after every step (${RUNS} random sequences)`, async () => {
    await checkProjectionInvariant({
      numRuns: RUNS,
      newClock: () => createFakeClock(),
      open: async (clock) => {
        const store = await createPgStore({ pool, schema, clock });
        // A clean slate per sequence: the same schema, emptied.
        await pool.query(`TRUNCATE "${schema}".events, "${schema}".tasks, "${schema}".agents, "${schema}".agent_leases, "${schema}".task_types, "${schema}".jobs, "${schema}".flow_limits, "${schema}".task_starts RESTART IDENTITY`);
        return { store, clock, cleanup: () => store.close() };
      },
    });
  }, 600_000);
});
