import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { TEST_DATABASE_URL, dropSchema, postgresAvailable, uniqueSchema } from '../support/postgres.js';
import { startTcpProxy } from '../support/tcp-proxy.js';

const work = defineTask({ type: 'work', schema: z.object({ n: z.number().int() }) });
const quiet = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(postgresAvailable)('postgres: a node through a database outage', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('answers /readyz 503 while the database is gone, then recovers and resumes claiming without a restart: 0 lost', async () => {
    const target = new URL(TEST_DATABASE_URL);
    const proxy = await startTcpProxy({ targetHost: target.hostname, targetPort: Number(target.port || 5432) });
    cleanups.push(() => proxy.close());
    const schema = uniqueSchema('outage');
    cleanups.push(() => dropSchema(schema));
    const viaProxy = new URL(TEST_DATABASE_URL);
    viaProxy.port = String(proxy.port);
    const baton: Baton = await createBaton({ database: viaProxy.toString(), schema, definitions: [work], logger: quiet, leaseMs: 3_000, sweepIntervalMs: 200, leaderCheckMs: 200 });
    cleanups.push(() => baton.close({ graceMs: 100 }));
    const app = await createHttpServer({ engine: baton.engine });
    cleanups.push(() => app.close());
    const agent = baton.agents.create({ concurrency: 4, pollIntervalMs: 200, onError: () => undefined });
    const seen = new Map<number, number>();
    agent.handle(work, async ({ n }) => {
      seen.set(n, (seen.get(n) ?? 0) + 1);
      await sleep(100);
      return n;
    });
    await agent.start();

    const ready = await app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toMatchObject({ status: 'ready' });
    const before = await baton.tasks.submitMany({ tasks: Array.from({ length: 20 }, (_, n) => ({ type: 'work', payload: { n } })) });
    // Cut with tasks running: their reports fail and must be sent again once the database is back.
    // Waited for, not slept for: on a loaded machine the first claim can take longer than a fixed pause.
    await expect.poll(() => agent.active(), { timeout: 5_000, interval: 5 }).toBeGreaterThan(0);
    await proxy.cut();
    const down = await app.inject({ method: 'GET', url: '/readyz' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ code: 'NOT_READY' });
    expect(down.body).not.toContain(String(proxy.port));
    await expect(baton.tasks.submit({ type: 'work', payload: { n: 99 } })).rejects.toThrow();
    await sleep(1_000);

    await proxy.restore();
    const after = await baton.tasks.submitMany({ tasks: Array.from({ length: 20 }, (_, n) => ({ type: 'work', payload: { n: 100 + n } })) });
    for (const { task } of [...before, ...after]) {
      expect(await baton.tasks.await({ taskId: task.id, timeoutMs: 15_000 })).toMatchObject({ state: 'succeeded' });
    }
    expect((await app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    expect(baton.engine.isLeader()).toBe(true);
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual([...Array.from({ length: 20 }, (_, n) => n), ...Array.from({ length: 20 }, (_, n) => 100 + n)]);
  }, 40_000);

  it('aborts its own handlers before their lease can run out when it cannot renew it, and writes nothing for them', async () => {
    const target = new URL(TEST_DATABASE_URL);
    const proxy = await startTcpProxy({ targetHost: target.hostname, targetPort: Number(target.port || 5432) });
    cleanups.push(() => proxy.close());
    const schema = uniqueSchema('giveup');
    cleanups.push(() => dropSchema(schema));
    const viaProxy = new URL(TEST_DATABASE_URL);
    viaProxy.port = String(proxy.port);
    const leaseMs = 3_000;
    const baton: Baton = await createBaton({ database: viaProxy.toString(), schema, definitions: [work], logger: quiet, leaseMs });
    cleanups.push(() => baton.close({ graceMs: 100 }));
    let abortedAt = 0;
    const agent = baton.agents.create({ concurrency: 1, onError: () => undefined });
    agent.handle(work, (_payload, ctx) => new Promise((_resolve, reject) => {
      ctx.signal.addEventListener('abort', () => {
        abortedAt = performance.now();
        reject(ctx.signal.reason);
      });
    }));
    await agent.start();
    const { task } = await baton.tasks.submit({ type: 'work', payload: { n: 1 } });
    while ((await baton.tasks.get({ taskId: task.id })).state !== 'running') await sleep(20);
    const claimed = await baton.tasks.get({ taskId: task.id });
    const cutAt = performance.now();
    await proxy.cut();
    while (abortedAt === 0 && performance.now() - cutAt < leaseMs + 2_000) await sleep(20);
    // Given up by the agent's own clock, with time to spare before the store could hand the task to anyone else.
    expect(abortedAt).toBeGreaterThan(0);
    expect(abortedAt - cutAt).toBeLessThan(leaseMs);
    await proxy.restore();
    await sleep(500);
    const events = await baton.events.readStream({ streamId: task.id });
    // Nothing written for the abandoned claim: no failure, no success, only what came before the cut.
    expect(events.filter((e) => ['TaskSucceeded', 'TaskAttemptFailed', 'TaskCancelled', 'TaskReleased'].includes(e.type))).toEqual([]);
    expect(claimed.leaseExpiresAt).not.toBeNull();
  }, 30_000);
});
