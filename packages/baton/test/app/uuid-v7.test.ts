import { describe, expect, it } from 'vitest';
import { createUuidV7Ids } from '../../src/app/uuid-v7.js';

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
});
