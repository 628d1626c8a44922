import { describe, expect, it } from 'vitest';
import { shapeBatch } from '../../src/storage/postgres/pg-submit-shapes.js';
import { postgresAvailable } from '../support/postgres.js';
import { pgStorePerTest } from '../support/pg-store-per-test.js';
import { expectProjectionIsFold, newTask } from './store-contract.js';

describe('a batch of new tasks is decided once per shape', () => {
  it('puts tasks that differ only in id, payload and estimated run time in one shape, and anything else in its own', () => {
    const same = Array.from({ length: 500 }, (_, i) => newTask({ payload: { i }, runAt: i, startsAfterMs: 0 }));
    const one = shapeBatch(same);
    expect(one.shapes).toHaveLength(1);
    expect(new Set(one.shapeOf)).toEqual(new Set([0]));
    expect(one.shapes[0]?.doc).not.toHaveProperty('id');
    expect(one.shapes[0]?.doc).not.toHaveProperty('payload');
    expect(one.shapes[0]?.ev).not.toHaveProperty('payload');

    const mixed = shapeBatch([
      newTask({ startsAfterMs: 0 }),
      newTask({ startsAfterMs: 0, priority: 5 }),
      newTask({ startsAfterMs: 1_000 }),
      newTask({ startsAfterMs: 0, trace: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: null } }),
      newTask({ startsAfterMs: 0 }),
      newTask({ startsAfterMs: 0, priority: 5 }),
    ]);
    expect(mixed.shapeOf).toEqual([0, 1, 2, 3, 0, 1]);
    expect(mixed.shapes[2]?.doc).toMatchObject({ state: 'scheduled', runAt: 1_000 });

    // Equal objects that are not the same object are one shape; one differing number deep inside is another.
    const backoff = (jitter: number) => ({ baseMs: 1_000, factor: 2, maxMs: 60_000, jitter });
    const target = (tags: string[]) => ({ service: 'edge', tags, agentId: null });
    const nested = shapeBatch([
      newTask({ startsAfterMs: 0, backoff: backoff(0), target: target(['eu', 'gpu']) }),
      newTask({ startsAfterMs: 0, backoff: backoff(0), target: target(['eu', 'gpu']) }),
      newTask({ startsAfterMs: 0, backoff: backoff(0.5), target: target(['eu', 'gpu']) }),
      newTask({ startsAfterMs: 0, backoff: backoff(0), target: target(['eu']) }),
      newTask({ startsAfterMs: 0, backoff: backoff(0), target: target(['eu', 'gpu']) }),
    ]);
    expect(nested.shapeOf).toEqual([0, 0, 1, 2, 0]);
    expect(nested.shapes[1]?.doc.backoff.jitter).toBe(0.5);
    expect(nested.shapes[2]?.doc.target?.tags).toEqual(['eu']);
  });
});

describe.runIf(postgresAvailable)('postgres: the one-statement submit writes each task of a mixed batch as its own fold', () => {
  const pg = pgStorePerTest('shapes');

  it('returns exactly the rows it wrote, payloads intact, for several shapes and a handoff in one batch', async () => {
    // Payloads a PostgreSQL array literal must quote: quotes, backslashes, braces, commas, unicode, null, a bare string.
    const awkward = [{ s: 'a "quoted", {braced} \\ back\\slash' }, { s: 'ünïcødé ✓ 😀', n: [1, null, { x: '}' }] }, null, 'just a string', { deep: { deeper: { deepest: [true, false] } } }];
    const tasks = [
      ...Array.from({ length: 20 }, (_, i) => newTask({ startsAfterMs: 0, payload: awkward[i % awkward.length] })),
      ...Array.from({ length: 10 }, (_, i) => newTask({ startsAfterMs: 60_000, taskType: 'report.build', payload: { i } })),
      ...Array.from({ length: 10 }, (_, i) => newTask({ startsAfterMs: 0, taskType: 'sms.send', priority: 7, serialKey: 'acct-1', payload: { i } })),
      ...Array.from({ length: 5 }, (_, i) => newTask({ startsAfterMs: 0, taskType: 'push.send', target: { service: 'edge', tags: ['eu'], agentId: null }, payload: { i } })),
    ];
    const handed = tasks.filter((t) => t.taskType === 'push.send').slice(0, 2);
    const outcomes = await pg.store.submit({ tasks, handoff: { agents: new Map(handed.map((t) => [t.taskId, 'ag-idle'])), leaseMs: 30_000 } });

    expect(outcomes.map((o) => o.task.id)).toEqual(tasks.map((t) => t.taskId));
    for (const [i, outcome] of outcomes.entries()) {
      expect(outcome.created).toBe(true);
      expect(outcome.task.payload).toEqual(tasks[i]?.payload ?? null);
      // The doc Node rebuilt from the shape is the row, which is the fold of the log.
      expect(await pg.store.get({ taskId: outcome.task.id })).toEqual(outcome.task);
      await expectProjectionIsFold(pg.store, outcome.task.id);
    }
    const states = outcomes.map((o) => o.task.state);
    expect(states.filter((s) => s === 'running')).toHaveLength(2);
    expect(outcomes.filter((o) => o.task.state === 'running').map((o) => o.task.agentId)).toEqual(['ag-idle', 'ag-idle']);
    expect(states.filter((s) => s === 'scheduled')).toHaveLength(10);
    // Each task has its own seq, in the order given.
    const seqs = outcomes.map((o) => o.task.submitSeq);
    expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
    expect(new Set(seqs).size).toBe(tasks.length);
    // The columns a claim reads came from the shape: the serial key holds back all but its head, the target is kept.
    const claimed = await pg.store.claim({ agentId: 'ag-2', types: ['sms.send'], limit: 10, leaseMs: 30_000 });
    expect(claimed.map((t) => t.id)).toEqual([tasks[30]?.taskId]);
    expect(await pg.store.claim({ agentId: 'ag-2', types: ['push.send'], limit: 10, leaseMs: 30_000 })).toEqual([]);
  });

  /** Each task's seq and run time as the log has them, beside what the submit answered. */
  async function expectSeqsFromTheLog(outcomes: readonly { task: { id: string; submitSeq: number; runAt: number; submittedAt: number } }[]) {
    for (const { task } of outcomes) {
      const [submitted] = await pg.store.readStream({ streamId: task.id });
      expect(submitted?.type).toBe('TaskSubmitted');
      expect(task.submitSeq).toBe(submitted?.seq);
      expect(await pg.store.get({ taskId: task.id })).toEqual(task);
      await expectProjectionIsFold(pg.store, task.id);
    }
  }

  it('answers a plain batch with its first seq alone, and each task gets the seq and run time the log has', async () => {
    const tasks = Array.from({ length: 60 }, (_, i) => newTask({ startsAfterMs: 0, priority: i % 2, payload: { i } }));
    const outcomes = await pg.store.submit({ tasks });
    expect(outcomes.map((o) => o.task.id)).toEqual(tasks.map((t) => t.taskId));
    const seqs = outcomes.map((o) => o.task.submitSeq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] as number) + i));
    for (const { task } of outcomes) expect(task.runAt).toBe(task.submittedAt);
    await expectSeqsFromTheLog(outcomes);
  });

  it('answers every row when the seqs did not come out consecutive, and each task still gets its own', async () => {
    // As when another writer takes seqs between this statement's: here every other one is skipped.
    await pg.pool.query(`ALTER SEQUENCE "${pg.schema}".events_seq_seq INCREMENT BY 2`);
    const tasks = Array.from({ length: 30 }, (_, i) => newTask({ startsAfterMs: 0, payload: { i } }));
    const outcomes = await pg.store.submit({ tasks });
    const seqs = outcomes.map((o) => o.task.submitSeq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] as number) + 2 * i));
    await expectSeqsFromTheLog(outcomes);
  });

  it('stores a submitted event\'s payload and run time beside its shape\'s data, and every read puts them back (ADR 0031)', async () => {
    const plain = newTask({ startsAfterMs: 0, payload: { to: 'a', n: [1, { x: null }] } });
    const nothing = newTask({ startsAfterMs: 0, payload: null });
    const later = newTask({ startsAfterMs: 60_000, payload: 'text' });
    await pg.store.submit({ tasks: [plain, nothing, later] });
    // A read-first submit (an idempotency key) writes its event whole, as rows written before did.
    const keyed = newTask({ idempotencyKey: 'k-1', payload: { k: 1 } });
    await pg.store.submit({ tasks: [keyed] });

    type Raw = { stream_id: string; data: Record<string, unknown>; payload: unknown; run_at: string | null };
    const { rows } = await pg.pool.query(`SELECT stream_id, data, payload, run_at FROM "${pg.schema}".events WHERE type = 'TaskSubmitted' ORDER BY seq`);
    const raw = new Map((rows as Raw[]).map((r) => [r.stream_id, r]));
    for (const task of [plain, nothing, later]) {
      const row = raw.get(task.taskId) as Raw;
      expect(row.data).not.toHaveProperty('payload');
      expect(row.data).not.toHaveProperty('runAt');
      expect(row.payload).toEqual(task.payload);
      const view = await pg.store.get({ taskId: task.taskId });
      expect(Number(row.run_at)).toBe(view?.runAt);
    }
    expect(raw.get(keyed.taskId)).toMatchObject({ payload: null, run_at: null, data: { payload: { k: 1 } } });

    const byStream = new Map<string, { payload: unknown; runAt: unknown }>();
    for (const task of [plain, nothing, later, keyed]) {
      const [submitted] = await pg.store.readStream({ streamId: task.taskId });
      const data = submitted?.data as { payload: unknown; runAt: unknown };
      expect(data.payload).toEqual(task.payload);
      expect(data.runAt).toBe((await pg.store.get({ taskId: task.taskId }))?.runAt);
      byStream.set(task.taskId, data);
      await expectProjectionIsFold(pg.store, task.taskId);
    }
    // The whole log and the feed read the same events.
    const all = await pg.store.readAll({ afterSeq: 0, limit: 100 });
    const feed = await pg.store.readFeed({ cursor: null, limit: 100 });
    for (const [id, data] of byStream) {
      expect(all.find((e) => e.streamId === id && e.type === 'TaskSubmitted')?.data).toEqual(data);
      expect(feed.events.find((e) => e.streamId === id && e.type === 'TaskSubmitted')?.data).toEqual(data);
    }
  });
});
