import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import type { FeedEvent, TaskStore } from '@baton/core';
import { createPgStore } from '../../src/storage/postgres/pg-store.js';
import { dropSchema, postgresAvailable, testPool, uniqueSchema } from '../support/postgres.js';
import { newTask } from './store-contract.js';

const WRITERS = 8;
const TRANSACTIONS_PER_WRITER = 25;

describe.runIf(postgresAvailable)('postgres: the global event feed', () => {
  let schema: string;
  let pool: pg.Pool;
  let store: TaskStore;
  beforeEach(async () => {
    schema = uniqueSchema('feed');
    pool = testPool({ max: WRITERS + 4 });
    store = await createPgStore({ pool, schema });
  });
  afterEach(async () => {
    await pool.end();
    await dropSchema(schema);
  });

  /** Opens a transaction that has written one task's event and is still open. */
  async function openWriter(): Promise<{ commit: () => Promise<void>; id: string }> {
    const client = await pool.connect();
    await client.query('BEGIN');
    const task = newTask();
    await store.submit({ tasks: [task], connection: client });
    return {
      id: task.taskId,
      commit: async () => {
        await client.query('COMMIT');
        client.release();
      },
    };
  }

  it('does not skip an event whose transaction commits after a later-numbered one was read (a sequence tail does)', async () => {
    const slow = await openWriter(); // takes the lower sequence number, commits last
    const fast = await openWriter();
    await fast.commit();

    const naive = await store.readAll({ afterSeq: 0, limit: 100 });
    expect(naive.map((e) => e.streamId)).toEqual([fast.id]);
    const feed = await store.readFeed({ cursor: null, limit: 100 });
    // The slow transaction is older than the fast one and still open: the feed holds back until it ends.
    expect(feed.events).toEqual([]);

    await slow.commit();
    const naiveNext = await store.readAll({ afterSeq: naive[naive.length - 1]!.seq, limit: 100 });
    expect(naiveNext).toEqual([]); // the sequence tail has lost the slow writer's event for good
    const rest = await store.readFeed({ cursor: feed.cursor, limit: 100 });
    expect(rest.events.map((e) => e.streamId)).toEqual([slow.id, fast.id]);
  });

  it(`sees every event exactly once under ${WRITERS} concurrent writers with slow and rolled-back transactions: 0 gaps`, async () => {
    let writing = true;
    const seen: FeedEvent[] = [];
    const reader = (async () => {
      let cursor: string | null = null;
      for (;;) {
        const done = !writing;
        const page = await store.readFeed({ cursor, limit: 7 });
        seen.push(...page.events);
        cursor = page.cursor;
        if (done && page.events.length === 0) return;
      }
    })();
    const writers = Array.from({ length: WRITERS }, async (_, w) => {
      for (let t = 0; t < TRANSACTIONS_PER_WRITER; t++) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const count = 1 + ((w + t) % 3);
          await store.submit({ tasks: Array.from({ length: count }, () => newTask()), connection: client });
          await client.query('SELECT pg_sleep($1)', [Math.random() * 0.03]);
          await client.query((w * TRANSACTIONS_PER_WRITER + t) % 10 === 0 ? 'ROLLBACK' : 'COMMIT');
        } finally {
          client.release();
        }
      }
    });
    await Promise.all(writers);
    writing = false;
    await reader;

    const all = await store.readAll({ afterSeq: 0, limit: 1_000_000 });
    expect(all.length).toBeGreaterThan(WRITERS * TRANSACTIONS_PER_WRITER);
    const seenSeqs = seen.map((e) => e.seq);
    expect(new Set(seenSeqs).size).toBe(seenSeqs.length); // no duplicate
    expect([...seen].sort((a, b) => a.seq - b.seq).map(({ cursor: _c, ...e }) => e)).toEqual(all); // no gap: exactly the committed log
  }, 60_000);
});
