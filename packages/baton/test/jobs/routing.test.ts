import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask } from '@baton/core';
import type { Agent } from '@baton/client';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { TEST_DRIVERS, type TestDatabase } from '../support/drivers.js';

const work = defineTask({ type: 'work', schema: z.object({ n: z.number().optional(), ms: z.number().optional() }) });
const quiet = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

for (const driver of TEST_DRIVERS) {
  describe(`routing and broadcast: ${driver.name}`, () => {
    let db: TestDatabase;
    let baton: Baton;
    const ran: { agent: string; n: number | undefined; key: string | null }[] = [];
    beforeEach(async () => {
      db = driver.open();
      ran.length = 0;
      baton = await createBaton({ database: db.database, ...(db.schema ? { schema: db.schema } : {}), definitions: [work], logger: quiet, sweepIntervalMs: 100 });
    });
    afterEach(async () => {
      await baton.close({ graceMs: 100 });
      await db.cleanup();
    });

    async function startAgent(id: string, labels: { service?: string; tags?: string[] }, concurrency = 4): Promise<Agent> {
      const agent = baton.agents.create({ id, labels, concurrency });
      agent.handle(work, async (payload, ctx) => {
        ran.push({ agent: id, n: payload.n, key: ctx.key });
        if (payload.ms) await sleep(payload.ms);
        return { by: id, saw: ctx.results };
      });
      await agent.start();
      return agent;
    }

    it('serves an agent only the tasks whose service and every tag it matches', async () => {
      await startAgent('db-eu', { service: 'db', tags: ['eu', 'ssd'] });
      await startAgent('db-us', { service: 'db', tags: ['us'] });
      await startAgent('web', { service: 'web', tags: ['eu'] });
      const submitted = await baton.tasks.submitMany({
        tasks: [
          { type: 'work', payload: { n: 1 }, target: { service: 'db', tags: ['eu'] } },
          { type: 'work', payload: { n: 2 }, target: { service: 'db', tags: ['ssd', 'eu'] } },
          { type: 'work', payload: { n: 3 }, target: { service: 'db' } },
          { type: 'work', payload: { n: 4 }, target: { tags: ['us'] } },
          { type: 'work', payload: { n: 5 }, target: { service: 'web' } },
        ],
      });
      const done = await Promise.all(submitted.map(({ task }) => baton.tasks.await({ taskId: task.id, timeoutMs: 10_000 })));
      const by = done.map((t) => (t.result as { by: string }).by);
      expect(by[0]).toBe('db-eu');
      expect(by[1]).toBe('db-eu');
      expect(['db-eu', 'db-us']).toContain(by[2]);
      expect(by[3]).toBe('db-us');
      expect(by[4]).toBe('web');
    });

    it('leaves a task no agent matches waiting, and runs it once a matching agent arrives', async () => {
      await startAgent('app-1', { service: 'app' });
      const { task } = await baton.tasks.submit({ type: 'work', payload: { n: 1 }, target: { service: 'cache' } });
      await sleep(300);
      expect((await baton.tasks.get({ taskId: task.id })).state).toBe('queued');
      await startAgent('cache-1', { service: 'cache' });
      expect(await baton.tasks.await({ taskId: task.id, timeoutMs: 10_000 })).toMatchObject({ state: 'succeeded', result: { by: 'cache-1' } });
    });

    it('runs at most one task per serial key at a time, in the order they were submitted', async () => {
      await startAgent('a1', {}, 8);
      await startAgent('a2', {}, 8);
      const tasks = Array.from({ length: 12 }, (_, i) => ({ type: 'work', payload: { n: i, ms: 15 }, serialKey: i % 2 === 0 ? 'even' : 'odd' }));
      const submitted = await baton.tasks.submitMany({ tasks });
      await Promise.all(submitted.map(({ task }) => baton.tasks.await({ taskId: task.id, timeoutMs: 10_000 })));
      const events = await baton.events.readAll({ afterSeq: 0, limit: 10_000 });
      const keyOf = new Map(submitted.map(({ task }, i) => [task.id, i % 2 === 0 ? 'even' : 'odd']));
      const running = new Map<string, string | null>();
      const order: Record<string, string[]> = { even: [], odd: [] };
      for (const e of events) {
        const key = keyOf.get(e.streamId);
        if (!key) continue;
        if (e.type === 'TaskClaimed') {
          expect(running.get(key) ?? null).toBeNull();
          running.set(key, e.streamId);
          order[key]?.push(e.streamId);
        }
        if (e.type === 'TaskSucceeded') running.set(key, null);
      }
      expect(order.even).toEqual(submitted.filter((_, i) => i % 2 === 0).map(({ task }) => task.id));
      expect(order.odd).toEqual(submitted.filter((_, i) => i % 2 === 1).map(({ task }) => task.id));
    });

    it('a broadcast step runs once on every live matching agent, records them, and its dependants see every result', async () => {
      await startAgent('db-1', { service: 'db' });
      await startAgent('db-2', { service: 'db' });
      await startAgent('app-1', { service: 'app' });
      const { job } = await baton.jobs.submit({
        tasks: [
          { key: 'migrate', type: 'work', payload: { n: 1 }, target: { service: 'db' }, broadcast: true },
          { key: 'report', type: 'work', payload: { n: 2 }, target: { service: 'app' }, dependsOn: ['migrate'] },
        ],
      });
      const done = await baton.jobs.await({ jobId: job.id, timeoutMs: 10_000 });
      expect(done.job.state).toBe('succeeded');
      const migrate = done.tasks.find((t) => t.key === 'migrate');
      expect(migrate?.fanout?.agentIds).toEqual(['db-1', 'db-2']);
      expect(migrate?.result).toEqual({ 'db-1': { by: 'db-1', saw: {} }, 'db-2': { by: 'db-2', saw: {} } });
      expect(ran.filter((r) => r.n === 1).map((r) => r.agent).sort()).toEqual(['db-1', 'db-2']);
      const report = done.tasks.find((t) => t.key === 'report');
      expect(report?.result).toMatchObject({ by: 'app-1', saw: { migrate: migrate?.result } });
      const fanned = (await baton.events.readStream({ streamId: migrate?.id ?? '' })).find((e) => e.type === 'TaskFannedOut');
      expect(fanned?.data).toMatchObject({ agentIds: ['db-1', 'db-2'] });
    });

    it('a broadcast step waits for a matching agent, then fans out', async () => {
      const { job } = await baton.jobs.submit({ tasks: [{ key: 'lb', type: 'work', payload: { n: 1 }, target: { service: 'lb' }, broadcast: true }] });
      await sleep(300);
      expect((await baton.jobs.get({ jobId: job.id })).tasks[0]?.state).toBe('queued');
      await startAgent('lb-1', { service: 'lb' });
      const done = await baton.jobs.await({ jobId: job.id, timeoutMs: 10_000 });
      expect(done.job.state).toBe('succeeded');
      expect(done.tasks[0]?.fanout?.agentIds).toEqual(['lb-1']);
    });
  });
}
