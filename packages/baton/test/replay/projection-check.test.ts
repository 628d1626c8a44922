import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask } from '@baton/core';
import { NonRetryableError } from '@baton/client';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { checkProjections } from '../../src/replay/projection-check.js';
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { createPgStore } from '../../src/storage/postgres/pg-store.js';
import { dropSchema, postgresAvailable, TEST_DATABASE_URL, testPool, uniqueSchema } from '../support/postgres.js';
import { makeTempDir } from '../support/temp-dir.js';
import { runCli } from '../e2e/server-process.js';

const work = defineTask({ type: 'work', schema: z.object({ n: z.number(), fail: z.boolean().optional(), ms: z.number().optional() }), defaults: { backoff: { baseMs: 5, jitter: 0 } } });
const quiet = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A receiver for the workload's reminders, on loopback (allowlisted): it answers 503 to every third call, so some retry. */
async function startReceiver(): Promise<{ url: string; close: () => Promise<void> }> {
  let calls = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(++calls % 3 === 0 ? 503 : 200, { 'retry-after': '0' }).end());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, close: () => new Promise((r) => server.close(() => r())) };
}

/** A mixed workload: thousands of tasks with successes, retries, failures, cancels, a rescued lease, reminders, a job with a broadcast step, tokens, a pause, limits and a schedule. */
async function mixedWorkload(baton: Baton, receiver: string): Promise<void> {
  const agent = baton.agents.create({ id: 'worker', labels: { service: 'svc' }, concurrency: 8 });
  agent.handle(work, async (payload, ctx) => {
    if (payload.ms) await sleep(payload.ms);
    if (payload.fail && ctx.attempt < 2) throw new Error('flaky');
    if (payload.fail && payload.n < 0) throw new NonRetryableError('no');
    return { n: payload.n, attempt: ctx.attempt };
  });
  await agent.start();
  const many = [];
  for (let batch = 0; batch < 3; batch++) {
    many.push(...(await baton.tasks.submitMany({ tasks: Array.from({ length: 1_000 }, (_, i) => ({ type: 'work', payload: { n: i, fail: i % 7 === 0 }, ...(i % 101 === 0 ? { serialKey: 'k' } : {}) })) })));
  }
  const reminders = await Promise.all(Array.from({ length: 12 }, () => baton.tasks.submit({ type: 'reminder', payload: { address: receiver }, backoff: { baseMs: 5, jitter: 0 } })));
  const bad = await baton.tasks.submit({ type: 'work', payload: { n: -1, fail: true } });
  const later = await baton.tasks.submit({ type: 'work', payload: { n: 1 }, delayMs: 60_000 });
  await baton.tasks.cancel({ taskId: later.task.id });
  await baton.tasks.retry({ taskId: later.task.id });
  const { job } = await baton.jobs.submit({
    tasks: [
      { key: 'a', type: 'work', payload: { n: 1 } },
      { key: 'b', type: 'work', payload: { n: 2 }, dependsOn: ['a'], target: { service: 'svc' }, broadcast: true },
      { key: 'c', type: 'work', payload: { n: 3 }, dependsOn: ['b'] },
    ],
  });
  // A lease rescued: claimed by an agent that never reports, taken back by the sweep.
  const ghost = await baton.tasks.submit({ type: 'work', payload: { n: 9 }, priority: 100 });
  await baton.types.pause({ taskType: 'work', reason: 'ghost' });
  await baton.types.resume({ taskType: 'work' });
  await baton.limits.set({ scope: 'key:customer', concurrency: 2, rate: null });
  const token = await baton.engine.tokens.issue({ name: 'temp', scopes: ['read'] });
  await baton.engine.tokens.revoke({ tokenId: token.view.id, reason: 'done' });
  await baton.schedules.define({ name: 'tick', cron: '* * * * * *', task: { type: 'work', payload: { n: 0 } }, overlap: 'allow' });
  for (const { task } of [...many, bad, ...reminders]) await baton.tasks.await({ taskId: task.id, timeoutMs: 30_000 }).catch(() => undefined);
  const delivered = await Promise.all(reminders.map(({ task }) => baton.tasks.get({ taskId: task.id })));
  expect(delivered.every((r) => r.state === 'succeeded')).toBe(true);
  expect(delivered.some((r) => r.attempt > 1)).toBe(true);
  await baton.jobs.await({ jobId: job.id, timeoutMs: 30_000 });
  await baton.tasks.await({ taskId: ghost.task.id, timeoutMs: 30_000 });
  await sleep(1_200);
  await baton.schedules.pause('tick');
}

describe('replay: the tables against the fold of the log', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('sqlite: a mixed workload leaves every projection equal to the fold; a tampered row is reported', async () => {
    const tmp = makeTempDir('replay');
    cleanups.push(async () => tmp.remove());
    const path = join(tmp.dir, 'baton.db');
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const baton = await createBaton({ database: `sqlite:${path}`, definitions: [work], logger: quiet, sweepIntervalMs: 50, callbacks: { allow: ['127.0.0.1/32'] } });
    await mixedWorkload(baton, receiver.url);
    await baton.close({ graceMs: 100 });
    const store = createSqliteStore({ path, clock: { now: () => Date.now() } });
    cleanups.push(() => store.close());
    const check = await checkProjections({ store });
    expect(check.differences).toEqual([]);
    expect(check.events).toBeGreaterThan(10_000);
    expect(Object.values(check.counts).every((n) => n > 0)).toBe(true);

    const clean = await runCli({ cwd: tmp.dir, args: ['replay', '--database', `sqlite:${path}`] });
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stdout).toContain('every projection equals the fold of the log');

    const raw = new Database(path);
    const victim = (raw.prepare(`SELECT id FROM tasks WHERE state = 'succeeded' LIMIT 1`).get() as { id: string }).id;
    raw.prepare(`UPDATE tasks SET doc = json_set(doc, '$.state', 'queued', '$.attempt', 7) WHERE id = ?`).run(victim);
    raw.prepare(`DELETE FROM jobs`).run();
    raw.close();
    const tampered = await checkProjections({ store });
    expect(tampered.differences).toContainEqual({ kind: 'task', key: victim, problem: 'different', fields: ['attempt', 'state'] });
    expect(tampered.differences.filter((d) => d.kind === 'job')).toEqual([expect.objectContaining({ problem: 'missing' })]);
    const dirty = await runCli({ cwd: tmp.dir, args: ['replay', '--database', `sqlite:${path}`] });
    expect(dirty.code).toBe(1);
    expect(dirty.stdout).toMatch(new RegExp(`task\\s+${victim}\\s+different\\s+attempt,state`));
    const applied = await runCli({ cwd: tmp.dir, args: ['replay', '--database', `sqlite:${path}`, '--apply'] });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stdout).toMatch(/rebuilt every projection from the log: 2 difference\(s\) before, 0 after/);
    expect((await checkProjections({ store })).differences).toEqual([]);
  }, 90_000);

  it.runIf(postgresAvailable)('postgres: a mixed workload leaves every projection equal to the fold; a tampered row is reported', async () => {
    const schema = uniqueSchema('replay');
    cleanups.push(() => dropSchema(schema));
    const receiver = await startReceiver();
    cleanups.push(receiver.close);
    const baton = await createBaton({ database: TEST_DATABASE_URL, schema, definitions: [work], logger: quiet, sweepIntervalMs: 50, callbacks: { allow: ['127.0.0.1/32'] } });
    await mixedWorkload(baton, receiver.url);
    await baton.close({ graceMs: 100 });
    const pool = testPool();
    const store = await createPgStore({ pool, schema });
    cleanups.push(() => pool.end());
    const check = await checkProjections({ store });
    expect(check.differences).toEqual([]);
    expect(check.events).toBeGreaterThan(10_000);
    expect(Object.values(check.counts).every((n) => n > 0)).toBe(true);
    const { rows } = await pool.query(`SELECT id FROM "${schema}".tasks WHERE state = 'succeeded' LIMIT 1`);
    const victim = (rows[0] as { id: string }).id;
    await pool.query(`UPDATE "${schema}".tasks SET doc = jsonb_set(doc, '{result}', '"forged"') WHERE id = $1`, [victim]);
    const tampered = await checkProjections({ store });
    expect(tampered.differences).toEqual([{ kind: 'task', key: victim, problem: 'different', fields: ['result'] }]);
    // A stream written with version-1 shapes (routing fields at the top level), as an older Baton wrote it: not yet in the tables.
    const legacy = 'legacy-v1-task';
    await pool.query(
      `INSERT INTO "${schema}".events (stream_id, version, type, type_version, data, time) VALUES ($1, 1, 'TaskSubmitted', 1, $2::jsonb, 1)`,
      [legacy, JSON.stringify({ taskType: 'work', payloadVersion: 1, payload: { n: 7 }, priority: 0, runAt: 1, maxAttempts: 3, backoff: { baseMs: 5, factor: 2, maxMs: 1000, jitter: 0 }, timeoutMs: null, idempotencyKey: null, ready: false, serialKey: 'old-key' })],
    );
    expect((await checkProjections({ store })).differences).toContainEqual({ kind: 'task', key: legacy, problem: 'missing', fields: [] });

    // The online rebuild, while another node submits and its agent runs tasks: nothing written is lost or folded twice.
    const live = await createBaton({ database: TEST_DATABASE_URL, schema, definitions: [work], logger: quiet });
    cleanups.push(() => live.close({ graceMs: 100 }));
    const runner = live.agents.create({ id: 'live-runner', concurrency: 4 });
    runner.handle(work, async (payload) => payload.n);
    await runner.start();
    let writing = true;
    const written: string[] = [];
    const writer = (async () => {
      while (writing) written.push((await live.tasks.submit({ type: 'work', payload: { n: written.length } })).task.id);
    })();
    await sleep(200);
    const rebuilt = await store.rebuildProjections();
    const duringRebuild = written.length;
    await sleep(100);
    writing = false;
    await writer;
    for (const id of [...written, legacy]) await live.tasks.await({ taskId: id, timeoutMs: 30_000 });
    await runner.stop();
    // Events committed while it read and wrote the fresh tables were caught up before the swap; the swap fixed exactly what was wrong.
    expect(rebuilt.caughtUp).toBeGreaterThan(0);
    expect(rebuilt.events).toBeGreaterThan(check.events + rebuilt.caughtUp - 1);
    expect(rebuilt.changed?.tasks).toMatchObject({ missing: 1, different: 1, extra: 0 });
    // Once in the tables, the version-1 task is due, and runs under the current code.
    expect(await store.get({ taskId: legacy })).toMatchObject({ state: 'succeeded', result: 7, serialKey: 'old-key', target: null, jobId: null, payload: { n: 7 } });
    expect((await store.get({ taskId: victim }))?.result).not.toBe('forged');
    expect((await checkProjections({ store })).differences).toEqual([]);
    expect(duringRebuild).toBeGreaterThan(5);
    for (const id of written) expect(await store.get({ taskId: id })).toMatchObject({ id, state: 'succeeded' });
    // Every task row has folded each of its events exactly once.
    const { rows: miscounted } = await pool.query(`SELECT t.id FROM "${schema}".tasks t WHERE t.version <> (SELECT count(*) FROM "${schema}".events e WHERE e.stream_id = t.id)`);
    expect(miscounted).toEqual([]);

    // One rebuild at a time per schema; the shadow tables are gone after.
    const both = await Promise.allSettled([store.rebuildProjections(), store.rebuildProjections()]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((both.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ code: 'REBUILD_RUNNING' });
    const { rows: shadows } = await pool.query(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_name LIKE '%rebuild'`, [schema]);
    expect(shadows).toEqual([]);
  }, 90_000);
});
