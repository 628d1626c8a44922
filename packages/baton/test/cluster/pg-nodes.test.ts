import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { TEST_DATABASE_URL, dropSchema, postgresAvailable, testPool, uniqueSchema } from '../support/postgres.js';

const work = defineTask({ type: 'work', schema: z.object({ n: z.number().int(), ms: z.number().int().default(0) }) });
const quiet = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Two or more nodes in this process on one schema: each its own pools, LISTEN connection and leadership session. */
describe.runIf(postgresAvailable)('postgres: nodes sharing one database', () => {
  let schema: string;
  const nodes: Baton[] = [];
  const node = async (options: { leaseMs?: number } = {}) => {
    const baton = await createBaton({ database: TEST_DATABASE_URL, schema, definitions: [work], logger: quiet, sweepIntervalMs: 200, leaderCheckMs: 200, ...options });
    nodes.push(baton);
    return baton;
  };
  beforeEach(() => {
    schema = uniqueSchema('nodes');
  });
  afterEach(async () => {
    await Promise.all(nodes.splice(0).map((n) => n.close({ graceMs: 100 })));
    await dropSchema(schema);
  });

  it('runs a task submitted on one node on an agent of another, and awaits it from a third', async () => {
    const [a, b, c] = [await node(), await node(), await node()];
    const agent = b.agents.create({ concurrency: 4 });
    agent.handle(work, async ({ n }) => ({ doubled: n * 2, on: 'b' }));
    await agent.start();
    const { task } = await a.tasks.submit({ type: 'work', payload: { n: 21 } });
    const started = Date.now();
    const done = await c.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    expect(done).toMatchObject({ state: 'succeeded', result: { doubled: 42, on: 'b' } });
    // Woken by NOTIFY, not by the one-second poll.
    expect(Date.now() - started).toBeLessThan(900);
  });

  it('cancels from one node a task running on an agent of another: the handler sees its signal abort', async () => {
    const [a, b] = [await node(), await node()];
    let aborted = false;
    const agent = b.agents.create({ concurrency: 1 });
    agent.handle(work, async (_payload, ctx) => {
      await new Promise<void>((resolve) => ctx.signal.addEventListener('abort', () => resolve(), { once: true }));
      aborted = true;
      throw new Error('stopped');
    });
    await agent.start();
    const { task } = await a.tasks.submit({ type: 'work', payload: { n: 1 } });
    while ((await a.tasks.get({ taskId: task.id })).state !== 'running') await sleep(20);
    await a.tasks.cancel({ taskId: task.id });
    const done = await a.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    expect(done.state).toBe('cancelled');
    expect(aborted).toBe(true);
  });

  it('pauses a type on one node for the agents of every node, and a resume there wakes them at once', async () => {
    const [a, b] = [await node(), await node()];
    const agent = b.agents.create({ concurrency: 2 });
    agent.handle(work, async ({ n }) => n);
    await agent.start();
    await a.types.pause({ taskType: 'work', reason: 'maintenance' });
    const { task } = await a.tasks.submit({ type: 'work', payload: { n: 7 } });
    await sleep(1_500);
    expect((await b.tasks.get({ taskId: task.id })).state).toBe('queued');
    const resumedAt = Date.now();
    await a.types.resume({ taskType: 'work' });
    expect(await b.tasks.await({ taskId: task.id, timeoutMs: 5_000 })).toMatchObject({ state: 'succeeded', result: 7 });
    expect(Date.now() - resumedAt).toBeLessThan(900);
  });

  it("submits in the application's transaction: a rollback leaves no task and no event, a commit runs it", async () => {
    const baton = await node();
    const pool = testPool({ max: 1 });
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { task: rolledBack } = await baton.tasks.submit({ type: 'work', payload: { n: 1 } }, { connection: client });
      await client.query('ROLLBACK');
      await expect(baton.tasks.get({ taskId: rolledBack.id })).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
      expect(await baton.events.readStream({ streamId: rolledBack.id })).toEqual([]);
      expect(await baton.events.readAll({ afterSeq: 0, limit: 10 })).toEqual([]);

      const agent = baton.agents.create({ concurrency: 1 });
      agent.handle(work, async ({ n }) => n + 1);
      await agent.start();
      await client.query('BEGIN');
      const { task: committed } = await baton.tasks.submit({ type: 'work', payload: { n: 41 } }, { connection: client });
      // Not visible, and not claimable, before the application commits.
      await sleep(200);
      await expect(baton.tasks.get({ taskId: committed.id })).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
      await client.query('COMMIT');
      expect(await baton.tasks.await({ taskId: committed.id, timeoutMs: 5_000 })).toMatchObject({ state: 'succeeded', result: 42 });
    } finally {
      client.release();
      await pool.end();
    }
  });

  it('survives the termination of all its database connections mid-load: 0 lost, claiming resumes, /readyz-style check recovers', async () => {
    const [a, b] = [await node(), await node()];
    for (const n of [a, b]) {
      const agent = n.agents.create({ concurrency: 8 });
      agent.handle(work, async ({ ms }) => {
        await sleep(ms);
        return 'ok';
      });
      await agent.start();
    }
    const ids: string[] = [];
    const admin = testPool({ max: 1 });
    try {
      for (let round = 0; round < 6; round++) {
        // As a client would: a submit on a connection killed a moment before may fail, and idempotency keys make
        // its retry safe (a submit that committed all the same is found, not doubled).
        const tasks = Array.from({ length: 50 }, (_, i) => ({ type: 'work', payload: { n: i, ms: 5 }, idempotencyKey: `round-${round}-${i}` }));
        let results: Awaited<ReturnType<typeof a.tasks.submitMany>> | null = null;
        for (let attempt = 1; results === null; attempt++) {
          try {
            results = await a.tasks.submitMany({ tasks });
          } catch (error) {
            if (attempt === 5) throw error;
            await sleep(100);
          }
        }
        ids.push(...results.map((r) => r.task.id));
        if (round === 2 || round === 4) {
          const { rows } = await admin.query(
            `SELECT count(pg_terminate_backend(pid))::int AS killed FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`,
            [`baton/${schema}`],
          );
          expect(rows[0].killed).toBeGreaterThan(0);
        }
        await sleep(100);
      }
      const deadline = Date.now() + 20_000;
      let states: string[] = [];
      while (Date.now() < deadline) {
        states = await Promise.all(ids.map(async (taskId) => (await b.tasks.get({ taskId })).state));
        if (states.every((s) => s === 'succeeded')) break;
        await sleep(200);
      }
      expect(states.filter((s) => s !== 'succeeded')).toEqual([]);
      // Every task has exactly one terminal event.
      for (const taskId of ids.slice(0, 60)) {
        const events = await a.events.readStream({ streamId: taskId });
        expect(events.filter((e) => e.type === 'TaskSucceeded')).toHaveLength(1);
      }
      await expect(a.engine.checkReady()).resolves.toBeUndefined();
    } finally {
      await admin.end();
    }
  }, 40_000);
});
