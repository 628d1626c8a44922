import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { foldTask, type StoredTaskEvent, type TaskStore } from '@baton/core';
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { makeTempDir } from '../support/temp-dir.js';
import { newTask } from './store-contract.js';

describe('sqlite: reports made together commit together, and job cascades read only what moved', () => {
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

  it("a job's cascade sees what another process did to its tasks: cached docs follow the rows' versions", async () => {
    const other = createSqliteStore({ path: join(tmp.dir, 'baton.db'), clock: { now: () => Date.now() } });
    try {
      const jobId = 'job-two-processes';
      const keys = ['first', 'second', 'third'];
      const tasks = keys.map(() => newTask({ taskType: 'step' }));
      const refs = keys.map((key, i) => ({ key, taskId: tasks[i]!.taskId, dependsOn: i === 0 ? [] : ['first'] }));
      for (const [i, ref] of refs.entries()) tasks[i]!.job = { jobId, key: ref.key, dependsOn: i === 0 ? [] : [tasks[0]!.taskId] };
      await store.submitJob({ job: { jobId, name: 'j', failurePolicy: 'fail-fast', tasks: refs, workflow: null }, tasks });
      // This store runs the first cascade, and reads (and keeps) the other two tasks as queued.
      const [first] = await store.claim({ agentId: 'a1', types: ['step'], limit: 1, leaseMs: 30_000 });
      expect(first?.id).toBe(tasks[0]!.taskId);
      expect(await store.succeed({ taskId: first!.id, token: first!.token, result: null })).toMatchObject({ ok: true });
      // The other process claims both, and ends the third.
      const claimed = await other.claim({ agentId: 'a2', types: ['step'], limit: 2, leaseMs: 30_000 });
      expect(claimed.map((t) => t.id).sort()).toEqual([tasks[1]!.taskId, tasks[2]!.taskId].sort());
      const third = claimed.find((t) => t.id === tasks[2]!.taskId)!;
      const second = claimed.find((t) => t.id === tasks[1]!.taskId)!;
      expect(await other.succeed({ taskId: third.id, token: third.token, result: null })).toMatchObject({ ok: true });
      // Back here, the last end: the cascade must see the third as succeeded, not as the queued task it read before.
      expect(await store.succeed({ taskId: second.id, token: second.token, result: null })).toMatchObject({ ok: true });
      expect(await store.getJob({ jobId })).toMatchObject({ state: 'succeeded' });
    } finally {
      await other.close();
    }
  });
});
