/**
 * An upper bound on the database's clock at a past moment of this process's
 * steady clock, for delays counted from the submit call (ADR 0025).
 *
 * A delay used to count from the database's now as the insert read it, less
 * the time Node knew had passed. What Node cannot see (the statement on the
 * wire, waiting for a CPU or a lock) made a delayed task due 1–6 ms later than
 * asked in a burst of submits. Each statement that reads the database's now
 * tells us: at steady time `sentAt` (taken before sending), the database's
 * clock was at most `dbNow` (read later). So `dbNow - sentAt`, plus a margin,
 * bounds the offset between the two clocks from above, and the smallest such
 * bound seen lately is the tightest. A run time computed from it is never
 * earlier than the call's database time plus the delay, as long as the
 * offset does not grow by more than the margin within the window: the margin
 * covers the rounding of `dbNow` to whole milliseconds and a clock being
 * slewed (at most 0.5 ms a second).
 *
 * Pure: the caller passes every steady time in.
 */
const WINDOW_MS = 1_000;
const MARGIN_MS = 1;
const MAX_SAMPLES = 32;

interface DbClockBound {
  /** A statement sent at steady time `sentAt` read the database's now as `dbNow` (epoch ms). */
  observe(params: { sentAt: number; dbNow: number }): void;
  /** The database's clock at steady time `at`, bounded from above; null when nothing was observed within the window before `now`. */
  upperAt(params: { at: number; now: number }): number | null;
}

function createDbClockBound(): DbClockBound {
  const samples: { sentAt: number; offset: number }[] = [];
  return {
    observe({ sentAt, dbNow }) {
      if (!Number.isFinite(sentAt) || !Number.isFinite(dbNow)) return;
      samples.push({ sentAt, offset: dbNow + MARGIN_MS - sentAt });
      if (samples.length > MAX_SAMPLES) samples.shift();
    },
    upperAt({ at, now }) {
      // Only within one window does the margin cover how far the two clocks may drift apart.
      if (!(at >= now - WINDOW_MS)) return null;
      let offset = Infinity;
      for (const s of samples) if (s.sentAt >= now - WINDOW_MS) offset = Math.min(offset, s.offset);
      return offset === Infinity ? null : at + offset;
    },
  };
}

export { createDbClockBound };
export type { DbClockBound };
