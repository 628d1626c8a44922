import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type pg from 'pg';
import type { TaskStore } from '@baton/core';
import { createPgStore } from '../../src/storage/postgres/pg-store.js';
import { createPgLimits } from '../../src/storage/postgres/pg-limits.js';
import { pgNames } from '../../src/storage/postgres/pg-schema.js';
import { pgStatements } from '../../src/storage/postgres/pg-statements.js';
import { dropSchema, postgresAvailable, testPool, uniqueSchema } from '../support/postgres.js';

/**
 * Whether limits may apply is read at most once a second, and a stale answer
 * that is still recent is given at once while it is read again, so no claim
 * or promotion waits for that read. A limit set on this node counts at once,
 * even while an older read is in flight.
 */
describe.runIf(postgresAvailable)('postgres: the cached list of limited scopes', () => {
  let schema: string;
  let pool: pg.Pool;
  let store: TaskStore;
  beforeEach(async () => {
    schema = uniqueSchema('limcache');
    pool = testPool();
    store = await createPgStore({ pool, schema });
    vi.useFakeTimers({ toFake: ['Date'], now: 1_000_000 });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await store.close();
    await pool.end();
    await dropSchema(schema);
  });

  /** The pool the limits read through: counts the reads of the list, and can hold them until released. */
  function heldReads() {
    let holding = false;
    const held: (() => void)[] = [];
    let reads = 0;
    const spy = {
      async query(text: string, values?: unknown[]) {
        if (/WHERE active$/.test(text)) {
          reads++;
          if (holding) await new Promise<void>((resolve) => held.push(resolve));
        }
        return pool.query(text, values);
      },
    } as unknown as pg.Pool;
    return {
      spy,
      reads: () => reads,
      hold: () => (holding = true),
      release: () => {
        holding = false;
        for (const go of held.splice(0)) go();
      },
    };
  }

  it('answers a stale list at once while reading it again, awaits one older than two seconds, and counts a limit set here at once', async () => {
    const pgReads = heldReads();
    const names = pgNames(schema);
    const limits = createPgLimits({ pool: pgReads.spy, names, sql: pgStatements(names), pinnedNow: () => null });
    expect(await limits.mayApply(['a'])).toBe(false);
    expect(await limits.mayApply(['a'])).toBe(false);
    expect(pgReads.reads()).toBe(1);

    // Stale (1.1 s): answered from the last list while the next read is held.
    vi.setSystemTime(1_001_100);
    pgReads.hold();
    expect(await limits.mayApply(['a'])).toBe(false);
    expect(pgReads.reads()).toBe(2);

    // A limit set here meanwhile: the read in flight began before it, so a new one is made and awaited.
    await limits.set(pool, { kind: 'SetLimits', scope: 'type:a', concurrency: 1, rate: null });
    pgReads.release();
    expect(await limits.mayApply(['a'])).toBe(true);
    expect(await limits.mayApply(['b'])).toBe(false);
    expect(pgReads.reads()).toBe(3);

    // Idle for more than two seconds: the answer waits for a fresh read (a limit removed elsewhere shows).
    await pool.query(`UPDATE "${schema}".flow_limits SET active = false`);
    vi.setSystemTime(1_004_000);
    expect(await limits.mayApply(['a'])).toBe(false);
    expect(pgReads.reads()).toBe(4);
  });
});
