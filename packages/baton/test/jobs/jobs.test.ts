import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, type StoredEvent } from '@baton/core';
import { NonRetryableError } from '@baton/client';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { TEST_DRIVERS, type TestDatabase } from '../support/drivers.js';

const step = defineTask({ type: 'step', schema: z.object({ add: z.number().optional(), fail: z.boolean().optional(), ms: z.number().optional() }) });
const quiet = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits for an abort, or the time; a handler that stops when it is told to. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    });
  });
}

/** The global sequence of the first event of this type in the task's stream. */
function seqOf(events: StoredEvent[], taskId: string, type: string): number {
  const found = events.find((e) => e.streamId === taskId && e.type === type);
  if (!found) throw new Error(`no ${type} for ${taskId}`);
  return found.seq;
}

for (const driver of TEST_DRIVERS) {
  describe(`jobs: ${driver.name}`, () => {
    let db: TestDatabase;
    let baton: Baton;
    const aborted: string[] = [];
    beforeEach(async () => {
      db = driver.open();
      aborted.length = 0;
      baton = await createBaton({ database: db.database, ...(db.schema ? { schema: db.schema } : {}), definitions: [step], logger: quiet, sweepIntervalMs: 100 });
      const agent = baton.agents.create({ concurrency: 4 });
      agent.handle(step, async (payload, ctx) => {
        if (payload.ms) {
          try {
            await pause(payload.ms, ctx.signal);
          } catch (error) {
            aborted.push(ctx.key ?? ctx.taskId);
            throw error;
          }
        }
        if (payload.fail) throw new NonRetryableError('told to fail');
        const inputs = Object.values(ctx.results).reduce<number>((sum, r) => sum + (r as { total: number }).total, 0);
        return { total: inputs + (payload.add ?? 0), saw: Object.keys(ctx.results).sort() };
      });
      await agent.start();
    });
    afterEach(async () => {
      await baton.close({ graceMs: 100 });
      await db.cleanup();
    });

    it('runs a diamond: each task starts after all it depends on succeeded and reads their results by key', async () => {
      const { job } = await baton.jobs.submit({
        name: 'diamond',
        tasks: [
          { key: 'a', type: 'step', payload: { add: 1 } },
          { key: 'b', type: 'step', payload: { add: 10 }, dependsOn: ['a'] },
          { key: 'c', type: 'step', payload: { add: 100 }, dependsOn: ['a'] },
          { key: 'd', type: 'step', payload: { add: 1000 }, dependsOn: ['b', 'c'] },
        ],
      });
      expect(job.state).toBe('running');
      const done = await baton.jobs.await({ jobId: job.id, timeoutMs: 10_000 });
      expect(done.job).toMatchObject({ state: 'succeeded', name: 'diamond', failedKeys: [] });
      const byKey = new Map(done.tasks.map((t) => [t.key, t]));
      expect(byKey.get('b')?.result).toEqual({ total: 11, saw: ['a'] });
      expect(byKey.get('d')?.result).toEqual({ total: 1 + 11 + 101 + 1000 - 1, saw: ['b', 'c'] });
      const events = await baton.events.readAll({ afterSeq: 0, limit: 1000 });
      const id = (key: string) => byKey.get(key)?.id ?? '';
      expect(seqOf(events, id('d'), 'TaskClaimed')).toBeGreaterThan(seqOf(events, id('b'), 'TaskSucceeded'));
      expect(seqOf(events, id('d'), 'TaskClaimed')).toBeGreaterThan(seqOf(events, id('c'), 'TaskSucceeded'));
      expect(seqOf(events, id('b'), 'TaskClaimed')).toBeGreaterThan(seqOf(events, id('a'), 'TaskSucceeded'));
      expect(events.filter((e) => e.streamId === `job:${job.id}`).map((e) => e.type)).toEqual(['JobSubmitted', 'JobSucceeded']);
    });

    it('fail-fast: the first failure cancels what has not run and stops what runs; the job fails naming the task', async () => {
      const { job } = await baton.jobs.submit({
        failurePolicy: 'fail-fast',
        tasks: [
          { key: 'bad', type: 'step', payload: { fail: true, ms: 200 } },
          { key: 'long', type: 'step', payload: { ms: 20_000 } },
          { key: 'after', type: 'step', payload: {}, dependsOn: ['bad'] },
        ],
      });
      const done = await baton.jobs.await({ jobId: job.id, timeoutMs: 10_000 });
      const byKey = new Map(done.tasks.map((t) => [t.key, t]));
      expect(done.job).toMatchObject({ state: 'failed', failedKeys: ['bad', 'long', 'after'] });
      expect(byKey.get('bad')?.state).toBe('failed');
      expect(byKey.get('long')).toMatchObject({ state: 'cancelled' });
      expect(byKey.get('after')).toMatchObject({ state: 'cancelled', attempt: 0 });
      expect(aborted).toContain('long');
    });

    it('continue: only what depends on the failure is cancelled; the other branch runs to the end', async () => {
      const { job } = await baton.jobs.submit({
        failurePolicy: 'continue',
        tasks: [
          { key: 'bad', type: 'step', payload: { fail: true } },
          { key: 'after-bad', type: 'step', payload: {}, dependsOn: ['bad'] },
          { key: 'after-after', type: 'step', payload: {}, dependsOn: ['after-bad'] },
          { key: 'good', type: 'step', payload: { add: 2, ms: 100 } },
          { key: 'after-good', type: 'step', payload: { add: 3 }, dependsOn: ['good'] },
        ],
      });
      const done = await baton.jobs.await({ jobId: job.id, timeoutMs: 10_000 });
      const byKey = new Map(done.tasks.map((t) => [t.key, t]));
      expect(done.job).toMatchObject({ state: 'failed', failedKeys: ['bad', 'after-bad', 'after-after'] });
      expect(byKey.get('after-bad')).toMatchObject({ state: 'cancelled', endReason: 'dependency bad failed' });
      expect(byKey.get('after-after')).toMatchObject({ state: 'cancelled', endReason: 'dependency after-bad cancelled' });
      expect(byKey.get('after-good')).toMatchObject({ state: 'succeeded', result: { total: 5 } });
    });

    it('cancelling a running job stops its running tasks and cancels the rest; the job ends cancelled', async () => {
      const { job } = await baton.jobs.submit({
        tasks: [
          { key: 'slow', type: 'step', payload: { ms: 20_000 } },
          { key: 'next', type: 'step', payload: {}, dependsOn: ['slow'] },
        ],
      });
      for (let i = 0; i < 100 && (await baton.jobs.get({ jobId: job.id })).tasks[0]?.state !== 'running'; i++) await sleep(20);
      await baton.jobs.cancel({ jobId: job.id, reason: 'changed my mind' });
      const done = await baton.jobs.await({ jobId: job.id, timeoutMs: 10_000 });
      expect(done.job).toMatchObject({ state: 'cancelled', endReason: 'changed my mind' });
      expect(done.tasks.map((t) => t.state)).toEqual(['cancelled', 'cancelled']);
      expect(aborted).toEqual(['slow']);
      await expect(baton.jobs.cancel({ jobId: job.id })).rejects.toMatchObject({ code: 'JOB_FINISHED' });
    });

    it('refuses cycles, unknown keys, duplicate keys and unknown types, naming the task, and stores nothing', async () => {
      const cycle = baton.jobs.submit({
        tasks: [
          { key: 'a', type: 'step', dependsOn: ['c'] },
          { key: 'b', type: 'step', dependsOn: ['a'] },
          { key: 'c', type: 'step', dependsOn: ['b'] },
        ],
      });
      await expect(cycle).rejects.toMatchObject({ code: 'JOB_GRAPH_INVALID', message: expect.stringContaining('a → c → b → a') });
      await expect(baton.jobs.submit({ tasks: [{ key: 'a', type: 'step', dependsOn: ['zz'] }] })).rejects.toMatchObject({
        code: 'JOB_GRAPH_INVALID',
        issues: [{ path: 'tasks[0].dependsOn[0]', rule: 'unknown_key' }],
      });
      await expect(baton.jobs.submit({ tasks: [{ key: 'a', type: 'step' }, { key: 'a', type: 'step' }] })).rejects.toMatchObject({
        issues: [{ path: 'tasks[1].key', rule: 'duplicate_key' }],
      });
      await expect(baton.jobs.submit({ tasks: [{ key: 'a', type: 'step', payload: {} }, { key: 'b', type: 'nope' }] })).rejects.toMatchObject({
        code: 'UNKNOWN_TASK_TYPE',
        issues: [{ path: 'tasks[1].type' }],
      });
      await expect(baton.jobs.submit({ tasks: [{ key: 'a', type: 'step', payload: { add: 'x' } }] })).rejects.toMatchObject({
        code: 'PAYLOAD_INVALID',
        issues: [{ path: 'tasks[0].payload.add' }],
      });
      expect((await baton.jobs.list({})).items).toEqual([]);
      expect((await baton.tasks.list({})).items).toEqual([]);
    });

    it('refuses to retry one task of a job', async () => {
      const { job, tasks } = await baton.jobs.submit({ tasks: [{ key: 'bad', type: 'step', payload: { fail: true } }] });
      await baton.jobs.await({ jobId: job.id, timeoutMs: 10_000 });
      await expect(baton.tasks.retry({ taskId: tasks[0]?.id ?? '' })).rejects.toMatchObject({ code: 'TASK_IN_JOB' });
    });
  });
}
