import { describe, expect, it } from 'vitest';
import { createDbClockBound } from '../../src/storage/postgres/pg-clock-bound.js';

describe('a bound on the database clock from what statements read', () => {
  it('knows nothing before a statement has read the database clock', () => {
    expect(createDbClockBound().upperAt({ at: 100, now: 100 })).toBeNull();
  });

  it('takes the tightest recent reading, plus the margin', () => {
    const bound = createDbClockBound();
    // Sent at steady 1,000 and 1,010; the database read 5,000,003 and 5,000,011: offsets 4,999,003 and 4,999,001.
    bound.observe({ sentAt: 1_000, dbNow: 5_000_003 });
    bound.observe({ sentAt: 1_010, dbNow: 5_000_011 });
    // The later reading, 10 ms before the call: 10 µs of possible drift on top.
    expect(bound.upperAt({ at: 1_020, now: 1_020 })).toBeCloseTo(1_020 + 4_999_001 + 0.01 + 0.01, 6);
  });

  it('is never below the database clock when the reading came back late', () => {
    const bound = createDbClockBound();
    // The true offset is 4,999,000: a statement that waited 7 ms in the database reads a later now.
    bound.observe({ sentAt: 2_000, dbNow: 2_000 + 4_999_000 + 7 });
    const upper = bound.upperAt({ at: 2_100, now: 2_100 });
    expect(upper).not.toBeNull();
    expect(upper as number).toBeGreaterThanOrEqual(2_100 + 4_999_000);
  });

  it('widens an older reading by how far two slewing clocks may drift, and forgets readings older than ten seconds', () => {
    const bound = createDbClockBound();
    bound.observe({ sentAt: 0, dbNow: 10 });
    // Offset 10 + margin 0.01, and 1 ms a second of drift for the 900 ms since.
    expect(bound.upperAt({ at: 900, now: 900 })).toBeCloseTo(910.91, 6);
    expect(bound.upperAt({ at: 5_000, now: 5_000 })).toBeCloseTo(5_015.01, 6);
    expect(bound.upperAt({ at: 10_500, now: 10_500 })).toBeNull();
    // A fresh reading is the tighter one; an old call is bounded with the drift since, never below it.
    bound.observe({ sentAt: 10_400, dbNow: 10_420 });
    expect(bound.upperAt({ at: 10_450, now: 10_500 })).toBeCloseTo(10_470.06, 6);
    expect(bound.upperAt({ at: 300, now: 10_500 })).toBeCloseTo(300 + 20.01 + 10.1, 6);
  });

  it('is never below the database clock while the clocks drift apart at the most adjtime allows', () => {
    const bound = createDbClockBound();
    // The database's clock gains 1 ms a second on this one, both slewing the most they may, from an offset of 5,000.
    const dbAt = (steady: number) => steady + 5_000 + steady * 0.001;
    for (const sentAt of [0, 2_000, 4_000]) bound.observe({ sentAt, dbNow: dbAt(sentAt) + 0.3 });
    for (const at of [4_500, 7_000, 9_999]) expect(bound.upperAt({ at, now: at }) as number).toBeGreaterThanOrEqual(dbAt(at));
  });

  it('keeps a tight reading through a burst of loose ones', () => {
    const bound = createDbClockBound();
    // Alone: the database read its clock 0.3 ms after the send. Then 100 readings, each 5–9 ms late (a busy database).
    bound.observe({ sentAt: 1_000, dbNow: 1_000.3 });
    for (let i = 0; i < 100; i++) bound.observe({ sentAt: 1_100 + i, dbNow: 1_100 + i + 5 + (i % 5) });
    expect(bound.upperAt({ at: 1_300, now: 1_300 })).toBeCloseTo(1_300 + 0.3 + 0.01 + 0.3, 6);
  });
});
