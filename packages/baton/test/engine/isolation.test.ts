import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask } from '@baton/core';
import { isolatedHandler } from '@baton/client';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { loadHandlers } from '../../src/cli/load-handlers.js';
import { TEST_DRIVERS, type TestDatabase } from '../support/drivers.js';
import { makeTempDir } from '../support/temp-dir.js';

const FIXTURE = new URL('./fixtures/isolated-handlers.mjs', import.meta.url);
const spinTask = defineTask({ type: 'spin', schema: z.object({}), defaults: { maxAttempts: 1 } });
const pidSpin = defineTask({ type: 'pid.spin', schema: z.object({ pidFile: z.string() }), defaults: { maxAttempts: 1 } });
const double = defineTask({ type: 'double', schema: z.object({ n: z.number() }) });
const refuse = defineTask({ type: 'refuse', schema: z.object({}), defaults: { maxAttempts: 5 } });
const inline = defineTask({ type: 'inline', schema: z.object({ n: z.number() }) });
const quiet = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Running, as opposed to gone or a zombie waiting to be reaped (which kill(pid, 0) would still find). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}


describe.each(TEST_DRIVERS)('isolated handlers on $name: a worker thread or child process that is terminated on timeout and cancel', (driver) => {
  let baton: Baton;
  let tmp: ReturnType<typeof makeTempDir>;
  let db: TestDatabase;
  beforeEach(async () => {
    tmp = makeTempDir('isolation');
    db = driver.open();
    baton = await createBaton({ ...db, definitions: [spinTask, pidSpin, double, refuse, inline], logger: quiet });
    const agent = baton.agents.create({ concurrency: 4, onError: () => undefined });
    agent
      .handle(spinTask, isolatedHandler({ module: FIXTURE, exportName: 'spin', type: 'spin', isolation: 'worker' }))
      .handle(pidSpin, isolatedHandler({ module: FIXTURE, exportName: 'pidThenSpin', type: 'pid.spin', isolation: 'process' }))
      .handle(double, isolatedHandler({ module: FIXTURE, exportName: 'double', type: 'double', isolation: 'process' }))
      .handle(refuse, isolatedHandler({ module: FIXTURE, exportName: 'refuse', type: 'refuse' }))
      .handle(inline, async ({ n }) => n + 1);
    await agent.start();
  });
  afterEach(async () => {
    await baton.close({ graceMs: 200 });
    await db.cleanup();
    tmp.remove();
  });

  it('stops a handler in an endless synchronous loop (worker thread) at its timeout, while the agent keeps serving other tasks', async () => {
    const { task: stuck } = await baton.tasks.submit({ type: 'spin', payload: {}, timeoutMs: 400 });
    await sleep(100);
    // The stuck handler burns its own thread, not the agent's event loop.
    const { task: other } = await baton.tasks.submit({ type: 'inline', payload: { n: 1 } });
    expect(await baton.tasks.await({ taskId: other.id, timeoutMs: 2_000 })).toMatchObject({ state: 'succeeded', result: 2 });
    const failed = await baton.tasks.await({ taskId: stuck.id, timeoutMs: 5_000 });
    expect(failed).toMatchObject({ state: 'failed', errors: [{ name: 'TaskTimeoutError' }] });
    // Terminated, not merely forgotten: this process is quiet again.
    const before = process.cpuUsage();
    await sleep(600);
    const used = process.cpuUsage(before);
    expect((used.user + used.system) / 1_000).toBeLessThan(300);
  });

  it('kills a child process stuck in a loop when its task is cancelled', async () => {
    const pidFile = join(tmp.dir, 'pid');
    const { task } = await baton.tasks.submit({ type: 'pid.spin', payload: { pidFile } });
    const deadline = Date.now() + 5_000;
    while (!existsSync(pidFile) && Date.now() < deadline) await sleep(20);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    expect(pid).not.toBe(process.pid);
    expect(alive(pid)).toBe(true);
    await baton.tasks.cancel({ taskId: task.id });
    expect(await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 })).toMatchObject({ state: 'cancelled' });
    const gone = Date.now() + 2_000;
    while (alive(pid) && Date.now() < gone) await sleep(20);
    expect(alive(pid)).toBe(false);
  });

  it('carries the payload, the context and the result across, and a non-retryable error by name', async () => {
    const { task } = await baton.tasks.submit({ type: 'double', payload: { n: 21 } });
    const done = await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    expect(done).toMatchObject({ state: 'succeeded', result: { doubled: 42, attempt: 1 } });
    expect((done.result as { pid: number }).pid).not.toBe(process.pid);
    // Progress reported in the child process reached the log through the agent.
    expect((await baton.events.readStream({ streamId: task.id })).filter((e) => e.type === 'TaskProgressed').map((e) => e.data)).toEqual([{ token: 1, progress: { halfway: true } }]);
    const { task: refused } = await baton.tasks.submit({ type: 'refuse', payload: {} });
    const failed = await baton.tasks.await({ taskId: refused.id, timeoutMs: 5_000 });
    expect(failed).toMatchObject({ state: 'failed', endReason: 'not-retryable', attempt: 1, errors: [{ name: 'InputRejected', message: 'this input can never work' }] });
  });

  it('runs a handlers-file entry marked { isolation: "worker" } off the main thread', async () => {
    const [entry] = await loadHandlers(new URL('./fixtures/isolated-handlers-file.mjs', import.meta.url).pathname);
    const local = await createBaton({ database: 'sqlite::memory:', definitions: [entry!.definition], logger: quiet });
    try {
      const agent = local.agents.create({ concurrency: 1 });
      agent.handle(entry!.definition, entry!.handler);
      await agent.start();
      const { task } = await local.tasks.submit({ type: 'where', payload: {} });
      expect(await local.tasks.await({ taskId: task.id, timeoutMs: 5_000 })).toMatchObject({ state: 'succeeded', result: { isMainThread: false } });
    } finally {
      await local.close();
    }
  });
});
