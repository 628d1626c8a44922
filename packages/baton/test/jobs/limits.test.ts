import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, type StoredEvent } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { TEST_DRIVERS, type TestDatabase } from '../support/drivers.js';

const work = defineTask({ type: 'work', schema: z.object({ ms: z.number() }), defaults: { maxAttempts: 1 } });
const limited = defineTask({ type: 'limited', schema: z.object({ ms: z.number() }), defaults: { maxAttempts: 1 } });
const rated = defineTask({ type: 'rated', schema: z.object({ ms: z.number() }), defaults: { maxAttempts: 1 } });
const quiet = { warn: () => undefined, error: () => undefined };
const ENDS = new Set(['TaskSucceeded', 'TaskFailed', 'TaskCancelled']);

/** The most tasks of each group that were ever running at once, replaying the log in order. */
function maxRunning(events: readonly StoredEvent[], groupOf: (taskId: string) => string | null): Map<string, number> {
  const running = new Map<string, number>();
  const most = new Map<string, number>();
  for (const e of events) {
    const group = groupOf(e.streamId);
    if (group === null) continue;
    if (e.type === 'TaskClaimed') {
      running.set(group, (running.get(group) ?? 0) + 1);
      most.set(group, Math.max(most.get(group) ?? 0, running.get(group) ?? 0));
    } else if (ENDS.has(e.type)) running.set(group, (running.get(group) ?? 0) - 1);
  }
  return most;
}

for (const driver of TEST_DRIVERS) {
  // Several nodes on PostgreSQL (each its own pool and engine), each with several agents: many concurrent claimers.
  const NODES = driver.name === 'postgres' ? 3 : 1;
  describe(`serial keys and limits under many concurrent agents: ${driver.name}`, () => {
    let db: TestDatabase;
    let nodes: Baton[];
    beforeEach(async () => {
      db = driver.open();
      nodes = [];
      for (let n = 0; n < NODES; n++) {
        const baton = await createBaton({ database: db.database, ...(db.schema ? { schema: db.schema } : {}), definitions: [work, limited, rated], logger: quiet, sweepIntervalMs: 200 });
        nodes.push(baton);
      }
    });
    afterEach(async () => {
      for (const baton of nodes) await baton.close({ graceMs: 100 });
      await db.cleanup();
    });

    async function startAgents(perNode: number): Promise<void> {
      for (const [n, baton] of nodes.entries()) {
        for (let a = 0; a < perNode; a++) {
          const agent = baton.agents.create({ id: `n${n}-a${a}`, concurrency: 4 });
          const sleep = async (payload: { ms: number }) => new Promise((r) => setTimeout(r, payload.ms));
          agent.handle(work, sleep).handle(limited, sleep).handle(rated, sleep);
          await agent.start();
        }
      }
    }

    async function finish(ids: readonly string[]): Promise<StoredEvent[]> {
      const first = nodes[0] as Baton;
      for (const taskId of ids) expect(await first.tasks.await({ taskId, timeoutMs: 60_000 })).toMatchObject({ state: 'succeeded' });
      return first.events.readAll({ afterSeq: 0, limit: 100_000 });
    }

    it('never runs two tasks of one serial key at once, and runs each key in submission order', async () => {
      await startAgents(4);
      const keys = ['k1', 'k2', 'k3'];
      const submitted = await nodes[0]!.tasks.submitMany({ tasks: Array.from({ length: 60 }, (_, i) => ({ type: 'work', payload: { ms: 3 + (i % 4) * 3 }, serialKey: keys[i % 3] })) });
      const keyOf = new Map(submitted.map(({ task }) => [task.id, task.serialKey]));
      const events = await finish(submitted.map((s) => s.task.id));
      const most = maxRunning(events, (id) => keyOf.get(id) ?? null);
      expect([...most.values()]).toEqual([1, 1, 1]);
      for (const key of keys) {
        const claimed = events.filter((e) => e.type === 'TaskClaimed' && keyOf.get(e.streamId) === key).map((e) => e.streamId);
        expect(claimed).toEqual(submitted.filter(({ task }) => task.serialKey === key).map(({ task }) => task.id));
      }
    }, 90_000);

    it('never runs more of a type, or of a limit key, than its concurrency limit', async () => {
      await nodes[0]!.limits.set({ scope: 'type:limited', concurrency: 3, rate: null });
      await nodes[0]!.limits.set({ scope: 'key:customer-a', concurrency: 2, rate: null });
      await startAgents(4);
      const submitted = await nodes[0]!.tasks.submitMany({
        tasks: [
          ...Array.from({ length: 40 }, () => ({ type: 'limited', payload: { ms: 15 } })),
          ...Array.from({ length: 30 }, () => ({ type: 'work', payload: { ms: 15 }, limitKey: 'customer-a' })),
          ...Array.from({ length: 30 }, () => ({ type: 'work', payload: { ms: 15 } })),
        ],
      });
      const group = new Map(submitted.map(({ task }) => [task.id, task.type === 'limited' ? 'type' : task.limitKey ? 'key' : 'free']));
      const events = await finish(submitted.map((s) => s.task.id));
      const most = maxRunning(events, (id) => group.get(id) ?? null);
      expect(most.get('type')).toBe(3);
      expect(most.get('key')).toBe(2);
      // The unlimited ones ran wide: the limits held back only what they cover.
      expect(most.get('free')).toBeGreaterThan(3);
      expect((await nodes[0]!.limits.list()).map((l) => [l.scope, l.concurrency])).toEqual([['key:customer-a', 2], ['type:limited', 3]]);
    }, 90_000);

    it('settles every fan-in exactly once when its dependencies end on different nodes at once', async () => {
      await startAgents(4);
      const jobs = await Promise.all(
        Array.from({ length: 10 }, (_, j) =>
          nodes[j % nodes.length]!.jobs.submit({
            failurePolicy: 'continue',
            tasks: [
              ...Array.from({ length: 12 }, (_, i) => ({ key: `p${i}`, type: 'work', payload: { ms: 5 } })),
              { key: 'join', type: 'work', payload: { ms: 1 }, dependsOn: Array.from({ length: 12 }, (_, i) => `p${i}`) },
            ],
          }),
        ),
      );
      for (const { job } of jobs) expect((await nodes[0]!.jobs.await({ jobId: job.id, timeoutMs: 60_000 })).job.state).toBe('succeeded');
      const events = await nodes[0]!.events.readAll({ afterSeq: 0, limit: 100_000 });
      for (const { job, tasks } of jobs) {
        const join = tasks.find((t) => t.key === 'join')!;
        const parts = new Set(tasks.filter((t) => t.key !== 'join').map((t) => t.id));
        const claims = events.filter((e) => e.streamId === join.id && e.type === 'TaskClaimed');
        expect(claims, job.id).toHaveLength(1);
        const lastPart = Math.max(...events.filter((e) => parts.has(e.streamId) && e.type === 'TaskSucceeded').map((e) => e.seq));
        expect(claims[0]!.seq).toBeGreaterThan(lastPart);
        expect(events.filter((e) => e.streamId === join.id && e.type === 'TaskUnblocked')).toHaveLength(1);
      }
    }, 90_000);

    it('never starts more of a rate-limited type in any window than its limit', async () => {
      const rate = { count: 4, intervalMs: 400 };
      await nodes[0]!.limits.set({ scope: 'type:rated', concurrency: null, rate });
      await startAgents(3);
      const submitted = await nodes[0]!.tasks.submitMany({ tasks: Array.from({ length: 20 }, () => ({ type: 'rated', payload: { ms: 1 } })) });
      const events = await finish(submitted.map((s) => s.task.id));
      const starts = events.filter((e) => e.type === 'TaskClaimed').map((e) => e.time).sort((a, b) => a - b);
      expect(starts).toHaveLength(20);
      let worst = 0;
      for (const t of starts) worst = Math.max(worst, starts.filter((s) => s > t - rate.intervalMs && s <= t).length);
      expect(worst).toBe(rate.count);
      // 20 starts at 4 per 400 ms cannot take less than 4 full windows.
      expect((starts.at(-1) ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(4 * rate.intervalMs - 50);
    }, 90_000);
  });
}
