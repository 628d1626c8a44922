import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type pg from 'pg';
import { foldTask, type StoredTaskEvent, type TaskStore, type TaskView } from '@baton/core';
import { createPgStore } from '../../src/storage/postgres/pg-store.js';
import { createPgFastWrites } from '../../src/storage/postgres/pg-fast-writes.js';
import { pgNames } from '../../src/storage/postgres/pg-schema.js';
import { dropSchema, postgresAvailable, testPool, uniqueSchema } from '../support/postgres.js';
import { newTask } from './store-contract.js';

describe.runIf(postgresAvailable)('postgres: one-statement writes check the version they decided on', () => {
  let schema: string;
  let pool: pg.Pool;
  let store: TaskStore;
  beforeEach(async () => {
    schema = uniqueSchema('fast');
    pool = testPool();
    store = await createPgStore({ pool, schema });
  });
  afterEach(async () => {
    await store.close();
    await pool.end();
    await dropSchema(schema);
  });

  it('writes nothing for a row that moved on since the decision, and the fold of the log when it did not', async () => {
    const fast = createPgFastWrites({ names: pgNames(schema), pool });
    const submitted = (await store.submit({ tasks: [newTask()] }))[0]!.task;
    const [claimed] = await store.claim({ agentId: 'a1', types: [submitted.type], limit: 1, leaseMs: 30_000 });
    expect(claimed?.version).toBe(2);
    // Decided on the row as it was before the claim: the claim moved it on, so nothing is written, not even the event.
    const [stale] = await fast.update(pool, [{ before: submitted, events: [{ type: 'TaskCancelled', data: { reason: 'stale' } }], now: Date.now() }]);
    expect(stale).toBeNull();
    expect((await store.readStream({ streamId: submitted.id })).map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskClaimed']);
    expect(await store.get({ taskId: submitted.id })).toEqual(claimed);
    // Decided on the current row: the event is appended and the row is its fold.
    const [after] = await fast.update(pool, [{ before: claimed as TaskView, events: [{ type: 'TaskSucceeded', data: { token: 1, result: 'ok' } }], now: Date.now() }]);
    expect(after).toMatchObject({ state: 'succeeded', version: 3, result: 'ok' });
    const stream = (await store.readStream({ streamId: submitted.id })) as StoredTaskEvent[];
    expect(stream.map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskClaimed', 'TaskSucceeded']);
    expect(await store.get({ taskId: submitted.id })).toEqual(foldTask(stream));
  });

  it('a report racing another on the same task: exactly one wins, and the loser is refused under the lock', async () => {
    const task = (await store.submit({ tasks: [newTask()] }))[0]!.task;
    const [claimed] = await store.claim({ agentId: 'a1', types: [task.type], limit: 1, leaseMs: 30_000 });
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, (_, i) => store.succeed({ taskId: task.id, token: claimed!.token, result: i })),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    expect(new Set(outcomes.filter((o) => !o.ok).map((o) => (o.ok ? null : o.error.code)))).toEqual(new Set(['TASK_NOT_RUNNING']));
    expect(outcomes.filter((o) => !o.ok)).toHaveLength(7);
    const stream = (await store.readStream({ streamId: task.id })) as StoredTaskEvent[];
    expect(stream.filter((e) => e.type === 'TaskSucceeded')).toHaveLength(1);
    expect(await store.get({ taskId: task.id })).toEqual(foldTask(stream));
  });

  it('one statement writes the rows still at their version and skips the rest, each with exactly its own events', async () => {
    const fast = createPgFastWrites({ names: pgNames(schema), pool });
    const tasks = (await store.submit({ tasks: [newTask(), newTask(), newTask()] })).map((s) => s.task);
    const claimed = await store.claim({ agentId: 'a1', types: [tasks[0]!.type], limit: 2, leaseMs: 30_000 });
    expect(claimed).toHaveLength(2);
    const byId = new Map(claimed.map((t) => [t.id, t]));
    const unclaimed = tasks.find((t) => !byId.has(t.id))!;
    const items = [
      ...claimed.map((t) => ({ before: t, events: [{ type: 'TaskSucceeded' as const, data: { token: t.token, result: t.id } }], now: Date.now() })),
      // Decided on a stale row: the claim above did not move this one, but this "before" claims an old version.
      { before: { ...unclaimed, version: 7 }, events: [{ type: 'TaskCancelled' as const, data: { reason: 'stale' } }], now: Date.now() },
    ];
    const results = await fast.update(pool, items);
    expect(results.map((r) => r?.state ?? null)).toEqual(['succeeded', 'succeeded', null]);
    for (const t of tasks) {
      const stream = (await store.readStream({ streamId: t.id })) as StoredTaskEvent[];
      expect(await store.get({ taskId: t.id })).toEqual(foldTask(stream));
    }
    expect((await store.readStream({ streamId: unclaimed.id })).map((e) => e.type)).toEqual(['TaskSubmitted']);
  });

  it('concurrent reports share statements and every one lands once, its row the fold of its stream', async () => {
    const submitted = await store.submit({ tasks: Array.from({ length: 150 }, () => newTask()) });
    const claimed = await store.claim({ agentId: 'a1', types: [submitted[0]!.task.type], limit: 150, leaseMs: 30_000 });
    expect(claimed).toHaveLength(150);
    const query = vi.spyOn(pool, 'query');
    const outcomes = await Promise.all(claimed.map((t) => store.succeed({ taskId: t.id, token: t.token, result: t.id })));
    const statements = query.mock.calls.map(([config]) => String((config as unknown as { name?: string }).name ?? 'text'));
    query.mockRestore();
    expect(outcomes.every((o) => o.ok)).toBe(true);
    // One by one, 150 reports are 300 statements. This node handed these rows out, so a success is decided
    // against the row as claimed (no read), and written in statements of at most 100 reports, stamped with the database's now.
    expect(statements.filter((n) => n.endsWith('load_many'))).toHaveLength(0);
    expect(statements.filter((n) => /_update_stamped_(true|false)$/.test(n))).toHaveLength(2);
    for (const [i, t] of claimed.entries()) {
      const stream = (await store.readStream({ streamId: t.id })) as StoredTaskEvent[];
      expect(stream.map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskClaimed', 'TaskSucceeded']);
      expect(stream[2]!.time).toBeGreaterThanOrEqual(stream[1]!.time);
      expect(await store.get({ taskId: t.id })).toEqual(foldTask(stream));
      expect(outcomes[i]).toEqual({ ok: true, value: foldTask(stream) });
    }
  });

  it('reads the row first when the report is for a task another node handed out, or whose row moved since', async () => {
    const otherPool = testPool();
    const other = await createPgStore({ pool: otherPool, schema });
    try {
      const submitted = await store.submit({ tasks: Array.from({ length: 3 }, () => newTask()) });
      const claimed = await store.claim({ agentId: 'a1', types: [submitted[0]!.task.type], limit: 3, leaseMs: 30_000 });
      expect(claimed).toHaveLength(3);
      const [elsewhere, moved, plain] = claimed as [TaskView, TaskView, TaskView];
      // A cancel request on another node moves the row on: the success decided against the claimed row writes nothing, and is decided again.
      expect((await other.cancel({ taskId: moved.id, reason: 'stop' })).ok).toBe(true);
      const names = (spy: { mock: { calls: unknown[][] } }) => spy.mock.calls.map(([config]) => String((config as { name?: string }).name ?? 'text'));
      const onOther = vi.spyOn(otherPool, 'query');
      const elsewhereOutcome = await other.succeed({ taskId: elsewhere.id, token: elsewhere.token, result: 1 });
      const otherStatements = names(onOther);
      onOther.mockRestore();
      expect(otherStatements.filter((n) => n.endsWith('load_many'))).toHaveLength(1);
      expect(otherStatements.filter((n) => /_update_(true|false)$/.test(n))).toHaveLength(1);
      const onStore = vi.spyOn(pool, 'query');
      const movedOutcome = await store.succeed({ taskId: moved.id, token: moved.token, result: 2 });
      const statements = names(onStore);
      onStore.mockRestore();
      expect(statements.filter((n) => /_update_stamped_(true|false)$/.test(n))).toHaveLength(1);
      expect(statements.filter((n) => n.endsWith('load_many'))).toHaveLength(1);
      const outcomes = [elsewhereOutcome, movedOutcome];
      expect(outcomes.map((o) => o.ok && o.value.state)).toEqual(['succeeded', 'succeeded']);
      // A stale token is refused as before, remembered row or not.
      const stale = await store.succeed({ taskId: plain.id, token: plain.token + 1, result: 3 });
      expect(stale.ok ? null : stale.error.code).toBe('STALE_LEASE');
      expect((await store.succeed({ taskId: plain.id, token: plain.token, result: 3 })).ok).toBe(true);
      for (const t of claimed) {
        const stream = (await store.readStream({ streamId: t.id })) as StoredTaskEvent[];
        expect(await store.get({ taskId: t.id })).toEqual(foldTask(stream));
      }
    } finally {
      await other.close();
      await otherPool.end();
    }
  });

  it('three nodes promoting the same due tasks at once: each task gets exactly one TaskReady, its row the fold of its stream', async () => {
    const runAt = Date.now() + 300;
    const submitted = await store.submit({ tasks: Array.from({ length: 250 }, () => newTask({ runAt })) });
    expect(submitted.every((s) => s.task.state === 'scheduled')).toBe(true);
    const others = [testPool(), testPool()];
    const nodes = [store, ...(await Promise.all(others.map((p) => createPgStore({ pool: p, schema }))))];
    try {
      while (Date.now() < runAt + 50) await new Promise((r) => setTimeout(r, 20));
      // Each node promotes until it finds nothing, as the due timer does; every node races every batch.
      const promotedBy = await Promise.all(
        nodes.map(async (node) => {
          const mine: string[] = [];
          for (;;) {
            const batch = await node.promoteDue({ limit: 500 });
            if (batch.length === 0) return mine;
            mine.push(...batch.map((t) => t.id));
          }
        }),
      );
      const all = promotedBy.flat();
      expect(all).toHaveLength(250);
      expect(new Set(all).size).toBe(250);
      for (const { task } of submitted) {
        const stream = (await store.readStream({ streamId: task.id })) as StoredTaskEvent[];
        expect(stream.map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskReady']);
        expect(await store.get({ taskId: task.id })).toEqual(foldTask(stream));
      }
    } finally {
      for (const node of nodes.slice(1)) await node.close();
      for (const p of others) await p.end();
    }
  });
});

describe.runIf(postgresAvailable)('postgres: a claim that committed is never thrown away', () => {
  it('returns what it claimed when the limits read after it fails, and that read runs again once after a lost connection', async () => {
    const schema = uniqueSchema('claimkept');
    const pool = testPool();
    let failures = 0;
    let reads = 0;
    // The limits read ("... FROM flow_limits WHERE active") meets a connection the server has just ended.
    const flaky = new Proxy(pool, {
      get(target, key, receiver) {
        if (key !== 'query') return Reflect.get(target, key, receiver);
        return (config: unknown, values?: unknown[]) => {
          const text = typeof config === 'string' ? config : ((config as { text?: string }).text ?? '');
          if (/^SELECT doc FROM \S*flow_limits\S* WHERE active$/.test(text)) reads += 1;
          if (failures > 0 && /^SELECT doc FROM \S*flow_limits\S* WHERE active$/.test(text)) {
            failures -= 1;
            return Promise.reject(Object.assign(new Error('Connection terminated unexpectedly'), { code: '57P01' }));
          }
          return target.query(config as string, values);
        };
      },
    });
    const store = await createPgStore({ pool: flaky, schema });
    try {
      await store.submit({ tasks: [newTask(), newTask()] });
      // Once: the read runs again and the claim is whole.
      failures = 1;
      expect(await store.claim({ agentId: 'a1', types: ['email.send'], limit: 5, leaseMs: 30_000 })).toHaveLength(2);
      expect(reads).toBe(2);
      // Every time (after the limits read's cache of a second has run out): the claim still answers with what it committed.
      await store.submit({ tasks: [newTask()] });
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      failures = 10;
      const claimed = await store.claim({ agentId: 'a1', types: ['email.send'], limit: 5, leaseMs: 30_000 });
      expect(claimed).toHaveLength(1);
      expect(failures).toBeLessThan(10);
      expect(await store.get({ taskId: claimed[0]!.id })).toMatchObject({ state: 'running', agentId: 'a1' });
    } finally {
      await store.close();
      await pool.end();
      await dropSchema(schema);
    }
  });
});
