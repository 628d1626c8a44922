import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { foldTask, type StoredEvent, type StoredTaskEvent, type TaskStore } from '@baton/core';
import { createUuidV7Ids } from '../../src/app/uuid-v7.js';
import { createPgStore } from '../../src/storage/postgres/pg-store.js';
import { pgStorePerTest } from '../support/pg-store-per-test.js';
import { TEST_DATABASE_URL, dropSchema, postgresAvailable, testPool, uniqueSchema } from '../support/postgres.js';
import { newTask } from './store-contract-support.js';

type IdForm = 'own ids' | 'a block of ids';
const uuids = createUuidV7Ids({ clock: { now: () => Date.now() } });

/** Tasks the one-statement submit takes: relative to the store's now, no key; their ids each its own, or a block (ADR 0035). */
function batchOf(n: number, type = 'email.send', form: IdForm = 'own ids') {
  const nextId = form === 'a block of ids' ? uuids.block?.({ count: n }) : undefined;
  return Array.from({ length: n }, (_, i) => newTask({ taskType: type, startsAfterMs: 0, payload: { i }, ...(nextId ? { taskId: nextId() } : {}) }));
}

type PhysicalRow = { seq: number; stream_id: string; batched: boolean; batch_ids: (string | null)[] | null; batch_first_id: string | null };
async function physicalRows(pool: pg.Pool, schema: string): Promise<PhysicalRow[]> {
  return (await pool.query(`SELECT seq::float8 AS seq, stream_id, batch_payloads IS NOT NULL AS batched, batch_ids, batch_first_id FROM "${schema}".events ORDER BY seq`)).rows;
}

async function readAllPaged(store: TaskStore, limit: number): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  for (let after = 0; ; ) {
    const page = await store.readAll({ afterSeq: after, limit });
    out.push(...page);
    const last = page.at(-1);
    if (!last || page.length < limit) return out;
    after = last.seq;
  }
}

async function readFeedPaged(store: TaskStore, limit: number): Promise<StoredEvent[]> {
  const out: StoredEvent[] = [];
  let cursor: string | null = null;
  for (;;) {
    const page = await store.readFeed({ cursor, limit });
    out.push(...page.events.map(({ cursor: _cursor, ...event }) => event));
    if (page.events.length < limit) return out;
    cursor = page.cursor;
  }
}

/** Each task's row is the fold of its stream, and its stream starts with its TaskSubmitted at its submitSeq. */
async function expectStreamsFold(store: TaskStore, ids: readonly string[]): Promise<void> {
  for (const id of ids) {
    const events = (await store.readStream({ streamId: id })) as StoredTaskEvent[];
    const view = await store.get({ taskId: id });
    expect(events[0]).toMatchObject({ type: 'TaskSubmitted', streamId: id, version: 1, seq: view?.submitSeq });
    expect(view).toEqual(foldTask(events));
  }
}

describe.runIf(postgresAvailable).each<IdForm>(['own ids', 'a block of ids'])('postgres: a batch submission logged as one events row (ADR 0034), %s', (form) => {
  const pgs = pgStorePerTest('batchrow');

  it('writes one row for a batch of one shape; every reader sees one TaskSubmitted per task, numbered in order', async () => {
    const { store, pool, schema } = pgs;
    const [single] = await store.submit({ tasks: batchOf(1) });
    const outcomes = await store.submit({ tasks: batchOf(5, 'email.send', form) });
    const ids = outcomes.map((o) => o.task.id);
    const rows = await physicalRows(pool, schema);
    expect(rows).toHaveLength(2);
    // A block keeps only its first id (ADR 0035).
    if (form === 'a block of ids') expect([rows[1]?.batch_ids, rows[1]?.batch_first_id]).toEqual([null, ids[0]]);
    else expect([rows[1]?.batch_ids, rows[1]?.batch_first_id]).toEqual([ids, null]);
    expect(rows[1]?.stream_id).toBe(`batch:${rows[1]?.seq}`);

    const first = outcomes[0]?.task.submitSeq as number;
    expect(outcomes.map((o) => o.task.submitSeq)).toEqual([0, 1, 2, 3, 4].map((i) => first + i));
    await expectStreamsFold(store, [single?.task.id as string, ...ids]);
    const batchEvents = (await Promise.all(ids.map((id) => store.readStream({ streamId: id })))).flat();
    expect(batchEvents.map((e) => (e.data as { payload: unknown }).payload)).toEqual([0, 1, 2, 3, 4].map((i) => ({ i })));

    const all = await store.readAll({ afterSeq: 0, limit: 100 });
    expect(all.map((e) => e.streamId)).toEqual([single?.task.id, ...ids]);
    expect(all.map((e) => e.seq)).toEqual([single?.task.submitSeq, ...outcomes.map((o) => o.task.submitSeq)]);
    // Pages that end inside the batch row resume inside it: nothing twice, nothing missed.
    for (const limit of [1, 2, 3, 4]) {
      expect(await readAllPaged(store, limit)).toEqual(all);
      expect(await readFeedPaged(store, limit)).toEqual(all);
    }
    expect(await store.readAll({ afterSeq: first + 2, limit: 2 })).toEqual(all.slice(4, 6));
    expect((await store.stats()).eventHead).toBe(first + 4);
    // The row's own stream name reads as nothing.
    expect(await store.readStream({ streamId: `batch:${first}` })).toEqual([]);
  });

  it('gives each task its own row when the batch has several shapes', async () => {
    const { store, pool, schema } = pgs;
    const tasks = batchOf(4, 'email.send', form).map((t, i) => (i < 2 ? t : { ...t, taskType: 'sms.send' }));
    const outcomes = await store.submit({ tasks });
    const rows = await physicalRows(pool, schema);
    expect(rows.map((r) => r.stream_id)).toEqual(outcomes.map((o) => o.task.id));
    expect(rows.some((r) => r.batched)).toBe(false);
    await expectStreamsFold(store, outcomes.map((o) => o.task.id));
  });

  it('archiving some of a batch leaves their places empty; the rest reads and rebuilds as before; the last one takes the row', async () => {
    const { store, pool, schema } = pgs;
    const outcomes = await store.submit({ tasks: batchOf(5, 'email.send', form) });
    const ids = outcomes.map((o) => o.task.id);
    const claimed = await store.claim({ agentId: 'a', types: ['email.send'], limit: 5, leaseMs: 60_000 });
    expect(claimed).toHaveLength(5);
    const ended = new Map<string, number>();
    for (const task of claimed) {
      const done = await store.succeed({ taskId: task.id, token: task.token, result: null });
      if (!done.ok) throw new Error(`succeed refused: ${done.error.code}`);
      ended.set(task.id, done.value.version);
    }
    const gone = [ids[1], ids[3]] as string[];
    expect(await store.removeArchived({ tasks: gone.map((taskId) => ({ taskId, version: ended.get(taskId) as number })) })).toEqual(gone);

    const rows = await physicalRows(pool, schema);
    // A block's row gets the array of its ids, its archived places null.
    expect(rows.filter((r) => r.batched).map((r) => [r.batch_ids, r.batch_first_id])).toEqual([[[ids[0], null, ids[2], null, ids[4]], null]]);
    const all = await store.readAll({ afterSeq: 0, limit: 1_000 });
    expect(all.some((e) => gone.includes(e.streamId))).toBe(false);
    expect(new Set(all.map((e) => e.streamId))).toEqual(new Set([ids[0], ids[2], ids[4]]));
    expect(await readFeedPaged(store, 2)).toEqual(all);
    for (const id of gone) expect(await store.readStream({ streamId: id })).toEqual([]);
    await expectStreamsFold(store, [ids[0], ids[2], ids[4]] as string[]);

    const before = await store.dumpProjections();
    const report = await store.rebuildProjections();
    expect(report.changed?.tasks).toEqual({ missing: 0, extra: 0, different: 0 });
    expect(await store.dumpProjections()).toEqual(before);
    for (const id of gone) expect(await store.get({ taskId: id })).toBeNull();

    const rest = [ids[0], ids[2], ids[4]] as string[];
    expect(await store.removeArchived({ tasks: rest.map((taskId) => ({ taskId, version: ended.get(taskId) as number })) })).toEqual(rest);
    expect(await physicalRows(pool, schema)).toEqual([]);
    expect(await store.readAll({ afterSeq: 0, limit: 1_000 })).toEqual([]);
  });

  it('a rebuild from an emptied tasks table brings batch-submitted tasks back from the batch row', async () => {
    const { store, pool, schema } = pgs;
    const outcomes = await store.submit({ tasks: batchOf(4, 'email.send', form) });
    const before = await store.dumpProjections();
    await pool.query(`DELETE FROM "${schema}".tasks`);
    const report = await store.rebuildProjections();
    expect(report.changed?.tasks).toMatchObject({ missing: 4 });
    expect(await store.dumpProjections()).toEqual(before);
    await expectStreamsFold(store, outcomes.map((o) => o.task.id));
  });
});

describe.runIf(postgresAvailable)('postgres: a batch whose numbers another writer broke up', () => {
  it('gives each task its own row, numbered as taken', async () => {
    const schema = uniqueSchema('batchgap');
    // One connection for the store, so the numbers it has cached are the ones the batch takes.
    const pool = testPool({ max: 1 });
    const other = new pg.Client(TEST_DATABASE_URL);
    await other.connect();
    try {
      const store = await createPgStore({ pool, schema });
      // Each session takes three numbers at a time: the store's connection holds 2 and 3 after its first submit,
      // the other session then takes 4 to 6, and a batch of four gets 2, 3, 7, 8.
      await other.query(`ALTER SEQUENCE "${schema}".events_seq_seq CACHE 3`);
      await store.submit({ tasks: batchOf(1) });
      await other.query(`SELECT nextval('"${schema}".events_seq_seq')`);
      const outcomes = await store.submit({ tasks: batchOf(4) });
      expect(outcomes.map((o) => o.task.submitSeq)).toEqual([2, 3, 7, 8]);
      const rows = await physicalRows(pool, schema);
      expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 7, 8]);
      expect(rows.some((r) => r.batched)).toBe(false);
      await expectStreamsFold(store, outcomes.map((o) => o.task.id));
      expect((await store.readAll({ afterSeq: 0, limit: 10 })).map((e) => e.seq)).toEqual([1, 2, 3, 7, 8]);
      await store.close();
    } finally {
      await other.end();
      await pool.end();
      await dropSchema(schema);
    }
  });
});
