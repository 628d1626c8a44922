import { join } from 'node:path';
import { it } from 'vitest';
import { createFakeClock } from '@baton/core/testing';
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { makeTempDir } from '../support/temp-dir.js';
import { checkProjectionInvariant } from './projection-invariant.js';

const RUNS = Number(process.env.BATON_PROPERTY_RUNS ?? 1_000);

it(`sqlite: every projection equals the fold of its stream after every step (${RUNS} random sequences)`, async () => {
  const tmp = makeTempDir('invariant');
  let n = 0;
  try {
    await checkProjectionInvariant({
      numRuns: RUNS,
      newClock: () => createFakeClock(),
      open: async (clock) => {
        n += 1;
        // A real file per sequence; NORMAL sync keeps 1,000 sequences quick without changing the SQL under test.
        const store = createSqliteStore({ path: join(tmp.dir, `run-${n}.db`), clock, synchronous: 'normal' });
        return { store, clock, cleanup: () => store.close() };
      },
    });
  } finally {
    tmp.remove();
  }
}, 300_000);
