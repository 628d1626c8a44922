import { describe, expect, it } from 'vitest';
import { createGroupCommit } from '../src/concurrency/group-commit.js';

/** A flush that records its batches and finishes when told to. */
function recordingFlush() {
  const batches: string[][] = [];
  const pending: (() => void)[] = [];
  return {
    batches,
    releaseAll: () => pending.splice(0).forEach((go) => go()),
    flush: (items: string[]) =>
      new Promise<string[]>((resolve, reject) => {
        batches.push(items);
        pending.push(() => (items.includes('bad') ? reject(new Error('batch failed')) : resolve(items.map((i) => `done ${i}`))));
      }),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('group commit', () => {
  it('sends a lone call at once, and gathers the calls that arrive while batches are in flight', async () => {
    const rec = recordingFlush();
    const group = createGroupCommit<{ item: string; result: string }>({ flush: rec.flush, maxBatch: 10, maxInFlight: 1 });
    const first = group.run('a');
    await tick();
    expect(rec.batches).toEqual([['a']]);
    const later = ['b', 'c', 'd'].map((i) => group.run(i));
    await tick();
    // Still one in flight: the three wait together.
    expect(rec.batches).toHaveLength(1);
    rec.releaseAll();
    expect(await first).toBe('done a');
    await tick();
    expect(rec.batches[1]).toEqual(['b', 'c', 'd']);
    rec.releaseAll();
    expect(await Promise.all(later)).toEqual(['done b', 'done c', 'done d']);
  });

  it('lets the rest of the turn run first: calls made after microtask hops, and work the turn queued, go before the batch', async () => {
    const rec = recordingFlush();
    const order: string[] = [];
    const group = createGroupCommit<{ item: string; result: string }>({
      flush: (items) => {
        order.push(`flush ${items.join(',')}`);
        return rec.flush(items);
      },
      maxBatch: 10,
      maxInFlight: 4,
    });
    void group.run('a');
    // An agent's claim for the slots its ended handlers freed: queued in the same turn, a few promise hops deep.
    void Promise.resolve()
      .then(() => undefined)
      .then(() => order.push('claim sent'));
    for (let hop = 0; hop < 5; hop++) await Promise.resolve();
    void group.run('b');
    await tick();
    expect(order).toEqual(['claim sent', 'flush a,b']);
    rec.releaseAll();
  });

  it('never puts two items of one key in a batch or in flight at once, and keeps batches within their bound', async () => {
    const rec = recordingFlush();
    const group = createGroupCommit<{ item: string; result: string }>({ flush: rec.flush, keyOf: (i) => i.split(':')[0] as string, maxBatch: 2, maxInFlight: 5 });
    const all = ['t1:a', 't1:b', 't2:a', 't3:a', 't1:c'].map((i) => group.run(i));
    await tick();
    // t1's later items wait for its first: one key is never in two batches in flight either.
    expect(rec.batches).toEqual([['t1:a', 't2:a'], ['t3:a']]);
    rec.releaseAll();
    await tick();
    expect(rec.batches.slice(2)).toEqual([['t1:b']]);
    rec.releaseAll();
    await tick();
    expect(rec.batches.slice(3)).toEqual([['t1:c']]);
    rec.releaseAll();
    expect(await Promise.all(all)).toEqual(['done t1:a', 'done t1:b', 'done t2:a', 'done t3:a', 'done t1:c']);
  });

  it('fails every item of a failed batch and none of the others', async () => {
    const rec = recordingFlush();
    const group = createGroupCommit<{ item: string; result: string }>({ flush: rec.flush, maxBatch: 2, maxInFlight: 2 });
    const results = ['ok1', 'bad', 'ok2'].map((i) => group.run(i).then((r) => r, (e: Error) => e.message));
    await tick();
    rec.releaseAll();
    await tick();
    rec.releaseAll();
    expect(await Promise.all(results)).toEqual(['batch failed', 'batch failed', 'done ok2']);
  });
});
