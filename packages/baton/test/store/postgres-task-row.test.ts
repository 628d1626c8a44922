import { describe, expect, it } from 'vitest';
import { isDeepStrictEqual } from 'node:util';
import type { TaskView } from '@baton/core';
import { postgresAvailable } from '../support/postgres.js';
import { pgStorePerTest } from '../support/pg-store-per-test.js';
import { expectProjectionIsFold, newTask } from './store-contract.js';

/** Fields the row keeps as columns (ADR 0027): none may also be in the stored doc. */
const COLUMN_FIELDS = ['id', 'type', 'state', 'priority', 'runAt', 'submitSeq', 'queueSeq', 'version', 'agentId', 'leaseExpiresAt', 'idempotencyKey', 'jobId', 'serialKey', 'limitKey', 'payload', 'submittedAt', 'updatedAt'];
/** Values a stored doc leaves out. */
const DEFAULTS: Record<string, unknown> = {
  payloadVersion: 1, attempt: 0, token: 0, timeoutMs: null, result: null, progress: null, errors: [], cancelRequested: false, endReason: null, target: null, key: null, dependsOn: [],
  broadcast: null, fanout: null, parentId: null, trace: null,
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.runIf(postgresAvailable)('postgres: a task row keeps its columns and a doc of the rest', () => {
  const pg = pgStorePerTest('taskrow');

  type Raw = { doc: Record<string, unknown>; payload: unknown; submitted_at: string | null; updated_at: string | null };
  const raw = async (id: string) => (await pg.pool.query(`SELECT doc, payload, submitted_at, updated_at FROM "${pg.schema}".tasks WHERE id = $1`, [id])).rows[0] as Raw;

  /** The stored doc holds no column's field and no default, and the row reads back as the fold of the task's events. */
  async function expectNarrow(id: string): Promise<TaskView> {
    const row = await raw(id);
    const view = (await pg.store.get({ taskId: id })) as TaskView;
    expect(Object.keys(row.doc).filter((k) => COLUMN_FIELDS.includes(k))).toEqual([]);
    for (const [field, value] of Object.entries(row.doc)) expect(value, `${id}.${field}`).not.toEqual(DEFAULTS[field]);
    // Everything the view says that is not a column or a default is in the doc.
    for (const [field, value] of Object.entries(view)) {
      if (!COLUMN_FIELDS.includes(field) && !isDeepStrictEqual(value, DEFAULTS[field])) expect(row.doc[field], `${id}.${field}`).toEqual(value);
    }
    expect(Number(row.submitted_at)).toBe(view.submittedAt);
    expect(Number(row.updated_at)).toBe(view.updatedAt);
    await expectProjectionIsFold(pg.store, id);
    return view;
  }

  it('writes the narrow row on every path (one-statement and read-first submit, claim, handoff, report, retry, promotion), and a rebuild finds every row as it would write it', async () => {
    const plain = newTask({ startsAfterMs: 0, payload: { to: 'a@example.com', nested: { n: null } } });
    const empty = newTask({ startsAfterMs: 0, payload: null });
    const delayed = newTask({ startsAfterMs: 1, taskType: 'report.build' });
    const handed = newTask({ startsAfterMs: 0, taskType: 'push.send' });
    await pg.store.submit({ tasks: [plain, empty, delayed, handed], handoff: { agents: new Map([[handed.taskId, 'ag-idle']]), leaseMs: 30_000 } });
    const keyed = newTask({ idempotencyKey: 'once', taskType: 'sms.send', priority: 3, timeoutMs: 5_000, maxAttempts: 4, backoff: { baseMs: 60_000, factor: 3, maxMs: 600_000, jitter: 0 } });
    await pg.store.submit({ tasks: [keyed] });
    expect((await pg.store.get({ taskId: handed.taskId }))?.state).toBe('running');
    expect((await raw(empty.taskId)).payload).toBeNull();
    expect((await raw(plain.taskId)).payload).toEqual({ to: 'a@example.com', nested: { n: null } });

    const [claimed] = await pg.store.claim({ agentId: 'ag-1', types: ['email.send'], limit: 1, leaseMs: 30_000 });
    expect(claimed?.id).toBe(plain.taskId);
    expect((await raw(plain.taskId)).doc).toMatchObject({ token: 1, attempt: 1 });
    await pg.store.succeed({ taskId: plain.taskId, token: claimed!.token, result: { sent: true } });
    const [sms] = await pg.store.claim({ agentId: 'ag-1', types: ['sms.send'], limit: 1, leaseMs: 30_000 });
    await pg.store.fail({ taskId: keyed.taskId, token: sms!.token, error: { name: 'Error', message: 'boom' }, retryable: true, random: 0.5 });
    await sleep(5);
    expect((await pg.store.promoteDue({ limit: 10 })).map((t) => t.id)).toEqual([delayed.taskId]);

    expect(await expectNarrow(plain.taskId)).toMatchObject({ state: 'succeeded', result: { sent: true }, payload: { to: 'a@example.com', nested: { n: null } } });
    expect(await expectNarrow(empty.taskId)).toMatchObject({ state: 'queued', payload: null });
    expect(await expectNarrow(delayed.taskId)).toMatchObject({ state: 'queued' });
    expect(await expectNarrow(handed.taskId)).toMatchObject({ state: 'running', agentId: 'ag-idle', token: 1 });
    const retried = await expectNarrow(keyed.taskId);
    expect(retried).toMatchObject({ state: 'scheduled', idempotencyKey: 'once', priority: 3, timeoutMs: 5_000, maxAttempts: 4 });
    expect((await raw(keyed.taskId)).doc).toMatchObject({ maxAttempts: 4, backoff: { baseMs: 60_000, factor: 3, maxMs: 600_000, jitter: 0 } });
    expect(retried.errors).toHaveLength(1);

    // The claim, promotion and submit patch rows in SQL; the rebuild writes them from Node: both give the same row.
    const rebuilt = await pg.store.rebuildProjections();
    expect(rebuilt.changed?.tasks).toEqual({ missing: 0, extra: 0, different: 0 });
  });

  it('reads a row stored before (the whole view in its doc, no payload or time columns) as the same task, through a claim and a report', async () => {
    const tasks = [newTask({ startsAfterMs: 0, payload: { n: 1 } }), newTask({ startsAfterMs: 0, payload: { n: 2 } })];
    await pg.store.submit({ tasks });
    const before = await Promise.all(tasks.map(async (t) => (await pg.store.get({ taskId: t.taskId })) as TaskView));
    for (const view of before) {
      await pg.pool.query(`UPDATE "${pg.schema}".tasks SET doc = $2::jsonb, payload = NULL, submitted_at = NULL, updated_at = NULL WHERE id = $1`, [view.id, JSON.stringify(view)]);
      expect(await pg.store.get({ taskId: view.id })).toEqual(view);
    }
    const page = await pg.store.list({ filter: { submittedAfter: (before[0]?.submittedAt ?? 0) - 1 }, limit: 10, cursor: null, order: 'oldest' });
    expect(page.items).toEqual(before);

    const claimed = await pg.store.claim({ agentId: 'ag-1', types: ['email.send'], limit: 2, leaseMs: 30_000 });
    expect(claimed.map((t) => t.payload)).toEqual([{ n: 1 }, { n: 2 }]);
    for (const task of claimed) await expectProjectionIsFold(pg.store, task.id);
    await pg.store.succeed({ taskId: tasks[0]!.taskId, token: claimed[0]!.token, result: 'ok' });
    // Node's write stores the narrow row; the row the claim patched in SQL still reads as its fold.
    expect(await expectNarrow(tasks[0]!.taskId)).toMatchObject({ state: 'succeeded', result: 'ok', payload: { n: 1 } });
    await expectProjectionIsFold(pg.store, tasks[1]!.taskId);
    expect((await pg.store.rebuildProjections()).changed?.tasks).toMatchObject({ different: 1 });
    expect(await expectNarrow(tasks[1]!.taskId)).toMatchObject({ state: 'running', payload: { n: 2 } });
  });
});
