import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldTask, type StoredTaskEvent, type TaskStore } from '@baton/core';
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { makeTempDir } from '../support/temp-dir.js';
import { newTask } from './store-contract.js';

describe('sqlite: reports made together commit together', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let store: TaskStore;
  beforeEach(() => {
    tmp = makeTempDir('report-batch');
    store = createSqliteStore({ path: join(tmp.dir, 'baton.db'), clock: { now: () => Date.now() } });
  });
  afterEach(async () => {
    await store.close();
    tmp.remove();
  });

  it('lands every report of a batch once, and one that throws takes back only its own writes', async () => {
    const submitted = await store.submit({ tasks: Array.from({ length: 30 }, () => newTask()) });
    const claimed = await store.claim({ agentId: 'a1', types: [submitted[0]!.task.type], limit: 30, leaseMs: 30_000 });
    expect(claimed).toHaveLength(30);
    const [poisoned, ...rest] = claimed as [(typeof claimed)[0], ...typeof claimed];
    // A result JSON cannot hold: its report throws while writing, in the same batch as the others.
    const outcomes = await Promise.allSettled([
      store.succeed({ taskId: poisoned.id, token: poisoned.token, result: { big: 10n } }),
      ...rest.map((t) => store.succeed({ taskId: t.id, token: t.token, result: t.id })),
    ]);
    expect(outcomes[0]?.status).toBe('rejected');
    expect(outcomes.slice(1).every((o) => o.status === 'fulfilled' && o.value.ok)).toBe(true);
    for (const t of rest) {
      const stream = (await store.readStream({ streamId: t.id })) as StoredTaskEvent[];
      expect(stream.map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskClaimed', 'TaskSucceeded']);
      expect(await store.get({ taskId: t.id })).toEqual(foldTask(stream));
    }
    // Nothing of the poisoned report was kept: still running, its stream as the claim left it, and it can still report.
    expect((await store.readStream({ streamId: poisoned.id })).map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskClaimed']);
    expect(await store.get({ taskId: poisoned.id })).toMatchObject({ state: 'running' });
    expect(await store.succeed({ taskId: poisoned.id, token: poisoned.token, result: 'ok' })).toMatchObject({ ok: true, value: { state: 'succeeded' } });
  });

  it('two reports racing on one task: exactly one wins', async () => {
    const task = (await store.submit({ tasks: [newTask()] }))[0]!.task;
    const [claimed] = await store.claim({ agentId: 'a1', types: [task.type], limit: 1, leaseMs: 30_000 });
    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => store.succeed({ taskId: task.id, token: claimed!.token, result: i })));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    const stream = (await store.readStream({ streamId: task.id })) as StoredTaskEvent[];
    expect(stream.filter((e) => e.type === 'TaskSucceeded')).toHaveLength(1);
    expect(await store.get({ taskId: task.id })).toEqual(foldTask(stream));
  });
});
