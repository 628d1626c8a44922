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
    expect(bound.upperAt({ at: 1_020, now: 1_020 })).toBe(1_020 + 4_999_001 + 1);
  });

  it('is never below the database clock when the reading came back late', () => {
    const bound = createDbClockBound();
    // The true offset is 4,999,000: a statement that waited 7 ms in the database reads a later now.
    bound.observe({ sentAt: 2_000, dbNow: 2_000 + 4_999_000 + 7 });
    const upper = bound.upperAt({ at: 2_100, now: 2_100 });
    expect(upper).not.toBeNull();
    expect(upper as number).toBeGreaterThanOrEqual(2_100 + 4_999_000);
  });

  it('forgets readings older than a second, and does not bound a call from longer ago', () => {
    const bound = createDbClockBound();
    bound.observe({ sentAt: 0, dbNow: 10 });
    expect(bound.upperAt({ at: 900, now: 900 })).toBe(911);
    expect(bound.upperAt({ at: 1_500, now: 1_500 })).toBeNull();
    bound.observe({ sentAt: 1_400, dbNow: 1_420 });
    expect(bound.upperAt({ at: 1_450, now: 1_500 })).toBe(1_471);
    // The call was accepted more than a second before: a drifting clock could have moved further than the margin.
    expect(bound.upperAt({ at: 300, now: 1_500 })).toBeNull();
  });
});
