import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import type { TaskStore } from '@baton/core';
import { createPgStore } from '../../src/storage/postgres/pg-store.js';
import { preciseNowSql } from '../../src/storage/postgres/pg-schema.js';
import { dropSchema, postgresAvailable, testPool, uniqueSchema } from '../support/postgres.js';
import { expectProjectionIsFold, newTask } from './store-contract.js';

/**
 * A delay counts from the call (ADR 0025). Time the submit spends where Node
 * cannot see it (here: waiting for a lock, as a statement in a burst waits
 * for a CPU) must not push the task's run time later, and nothing may make
 * it earlier than the database's clock at the call plus the delay.
 */
describe.runIf(postgresAvailable)('postgres: a delay counts from the call, not from when the insert ran', () => {
  let schema: string;
  let pool: pg.Pool;
  let store: TaskStore;
  beforeEach(async () => {
    schema = uniqueSchema('delay');
    pool = testPool();
    store = await createPgStore({ pool, schema });
  });
  afterEach(async () => {
    await store.close();
    await pool.end();
    await dropSchema(schema);
  });

  const dbNow = async (q: pg.Pool | pg.PoolClient) =>
    Number(((await q.query('SELECT (extract(epoch from clock_timestamp()) * 1000)::float8 AS ms')).rows[0] as { ms: number }).ms);

  it('a submit held up 300 ms in the database is due its delay after the call, never earlier', async () => {
    // Submits first: each reads the database's clock, which bounds it for the next. The first on a connection
    // also plans the statement, so its reading comes back late; the tightest one counts.
    for (let i = 0; i < 5; i++) await store.submit({ tasks: [newTask({ startsAfterMs: 10 })] });
    const locker = await pool.connect();
    try {
      await locker.query('BEGIN');
      await locker.query(`LOCK TABLE "${schema}".tasks IN EXCLUSIVE MODE`);
      const before = Math.floor(await dbNow(pool));
      const acceptedAt = performance.now();
      const submitted = store.submit({ tasks: [newTask({ startsAfterMs: 1_000 })], sinceAccepted: () => Math.floor(performance.now() - acceptedAt) });
      await new Promise((resolve) => setTimeout(resolve, 300));
      await locker.query('COMMIT');
      const [outcome] = await submitted;
      const task = outcome!.task;
      // It did wait: the insert read the database's now after the lock was gone.
      expect(task.submittedAt).toBeGreaterThanOrEqual(before + 300);
      expect(task.runAt).toBeGreaterThanOrEqual(before + 1_000);
      expect(task.runAt).toBeLessThan(before + 1_000 + 150);
      await expectProjectionIsFold(store, task.id);
      const [event] = await store.readStream({ streamId: task.id });
      expect((event?.data as { runAt: number }).runAt).toBe(task.runAt);
    } finally {
      await locker.query('ROLLBACK').catch(() => undefined);
      locker.release();
    }
  });

  it('reads the database clock to the microsecond; a pinned time stands for it', async () => {
    const readings = [];
    for (let i = 0; i < 20; i++) {
      const { rows } = await pool.query(`SELECT ms, clock FROM (SELECT ${preciseNowSql('$1')}) n`, [null]);
      readings.push(rows[0] as { ms: string; clock: number });
    }
    for (const r of readings) expect(Math.abs(Number(r.ms) - r.clock)).toBeLessThanOrEqual(0.5);
    // Whole milliseconds twenty times running would mean the reading was rounded after all.
    expect(readings.some((r) => !Number.isInteger(r.clock))).toBe(true);
    const { rows } = await pool.query(`SELECT ms, clock FROM (SELECT ${preciseNowSql('$1')}) n`, [1_234.25]);
    expect(rows[0]).toEqual({ ms: '1234', clock: 1_234.25 });
  });

  it('a delayed task keeps the fraction of its run time, in its row and its event, and is never due before the call plus its delay', async () => {
    // The first submits read the database's clock for the bound (above).
    for (let i = 0; i < 3; i++) await store.submit({ tasks: [newTask({ startsAfterMs: 10 })] });
    const tasks = [];
    for (let i = 0; i < 10; i++) {
      const before = await dbNow(pool);
      const [outcome] = await store.submit({ tasks: [newTask({ startsAfterMs: 1_000 })] });
      const task = outcome!.task;
      expect(task.runAt).toBeGreaterThanOrEqual(before + 1_000);
      // Never later than the statement's own clock plus the delay (submittedAt is that clock in whole milliseconds).
      expect(task.runAt).toBeLessThanOrEqual(task.submittedAt + 1_000.5);
      expect(await store.get({ taskId: task.id })).toMatchObject({ runAt: task.runAt, state: 'scheduled' });
      const [event] = await store.readStream({ streamId: task.id });
      expect((event?.data as { runAt: number }).runAt).toBe(task.runAt);
      await expectProjectionIsFold(store, task.id);
      tasks.push(task);
    }
    // Rounded up to whole milliseconds ten times running would mean the fraction was lost (ADR 0036).
    expect(tasks.some((t) => !Number.isInteger(t.runAt))).toBe(true);
  });
});
