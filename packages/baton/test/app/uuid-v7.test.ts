import { describe, expect, it } from 'vitest';
import { createUuidV7Ids } from '../../src/app/uuid-v7.js';
import { idBlockStart } from '../../src/storage/postgres/pg-id-block.js';

describe('UUIDv7 ids', () => {
  it('carry the clock in their first 48 bits, version 7 and the RFC variant, and never repeat across pool refills', () => {
    let now = Date.UTC(2026, 11, 2, 12, 0, 0, 123);
    const ids = createUuidV7Ids({ clock: { now: () => now } });
    const seen = new Set<string>();
    // 10,000 ids are about 40 refills of the random pool.
    for (let i = 0; i < 10_000; i++) {
      if (i % 1_000 === 0) now += 1;
      const id = ids.next();
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
      seen.add(id);
    }
    expect(seen.size).toBe(10_000);
  });

  it('sort by the time they were made', () => {
    let now = 1_796_000_000_000;
    const ids = createUuidV7Ids({ clock: { now: () => now } });
    const made = Array.from({ length: 50 }, () => ((now += 7), ids.next()));
    expect([...made].sort()).toEqual(made);
  });

  it('make a batch a block: valid UUIDv7s, each the one before plus one in the last 48 bits, sorted, distinct from every other block', () => {
    const now = Date.UTC(2026, 11, 7, 12, 0, 0, 0);
    const ids = createUuidV7Ids({ clock: { now: () => now } });
    const seen = new Set<string>();
    for (let b = 0; b < 200; b++) {
      const next = ids.block?.({ count: 1_000 });
      if (!next) throw new Error('no block');
      const block = Array.from({ length: 1_000 }, () => next());
      for (const id of block) {
        expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(now);
        seen.add(id);
      }
      expect([...block].sort()).toEqual(block);
      expect(idBlockStart(block)).toBe(block[0]);
    }
    expect(seen.size).toBe(200_000);
    // A block of one is a plain id.
    expect(ids.block?.({ count: 1 })()).toMatch(/^[0-9a-f]{8}-/);
  });

  it('recognise a block only when every id is exactly the one the database derives', () => {
    const block = ['0190f3a2-0000-7000-8000-00000000000e', '0190f3a2-0000-7000-8000-00000000000f', '0190f3a2-0000-7000-8000-000000000010'];
    expect(idBlockStart(block)).toBe(block[0]);
    expect(idBlockStart(block.slice(0, 1))).toBeNull();
    expect(idBlockStart([block[0], block[2]] as string[])).toBeNull();
    expect(idBlockStart(block.map((id) => id.toUpperCase()))).toBeNull();
    expect(idBlockStart([block[0], '0190f3a2-0000-7000-8001-00000000000f'] as string[])).toBeNull();
    expect(idBlockStart(['0190f3a2-0000-7000-8000-ffffffffffff', '0190f3a2-0000-7000-8001-000000000000'])).toBeNull();
    expect(idBlockStart(['t-1', 't-2'])).toBeNull();
  });
});
