/**
 * An upper bound on the database's clock at a past moment of this process's
 * steady clock, for delays counted from the submit call (ADR 0025).
 *
 * A delay used to count from the database's now as the insert read it, less
 * the time Node knew had passed. What Node cannot see (the statement on the
 * wire, waiting for a CPU or a lock) made a delayed task due 1–6 ms later than
 * asked in a burst of submits. Each statement that reads the database's now
 * tells us: at steady time `sentAt` (taken before sending), the database's
 * clock was at most `dbNow` (read later, to the microsecond). So
 * `dbNow - sentAt`, plus a margin for that microsecond, bounds the offset
 * between the two clocks from above, and the tightest such bound is the
 * best. (The reading was once the now rounded to whole milliseconds, with
 * a 1 ms margin for the rounding: every delayed task came due about a
 * millisecond later than asked; bench/RESULTS.md, history 49.)
 * A reading ages: two clocks may drift apart by as much as both slew
 * (adjtime moves a clock at most 0.5 ms a second, so 1 ms a second for the
 * two), so a reading `age` ms away from the call bounds it with that much
 * more. A run time computed from it is never earlier than the call's
 * database time plus the delay.
 *
 * Readings are kept for ten seconds, not one: the store's insert takes the
 * earlier of this bound and its own now plus the delay, both never early, so
 * a loose bound costs nothing, and a burst of delayed submits after a quiet
 * spell found no reading within a second: the first ten of them, each
 * waiting for a CPU in the database, started 8–14 ms late (history 34).
 *
 * Pure: the caller passes every steady time in.
 */
const MAX_AGE_MS = 10_000;
const MARGIN_MS = 0.01;
/** How far apart two slewing clocks may move, per millisecond. */
const DRIFT_PER_MS = 0.001;
const MAX_SAMPLES = 32;

interface DbClockBound {
  /** A statement sent at steady time `sentAt` read the database's now as `dbNow` (epoch ms). */
  observe(params: { sentAt: number; dbNow: number }): void;
  /** The database's clock at steady time `at`, bounded from above; null when nothing was observed in the ten seconds before `now`. */
  upperAt(params: { at: number; now: number }): number | null;
}

interface Reading {
  sentAt: number;
  offset: number;
}

function createDbClockBound(): DbClockBound {
  const samples: Reading[] = [];
  return {
    observe({ sentAt, dbNow }) {
      if (!Number.isFinite(sentAt) || !Number.isFinite(dbNow)) return;
      samples.push({ sentAt, offset: dbNow + MARGIN_MS - sentAt });
      if (samples.length <= MAX_SAMPLES) return;
      // Drop the loosest reading as of now, not the oldest: a burst's readings, each taken while the database was busy,
      // would otherwise push out the one tight reading taken alone before it.
      const looseness = (r: Reading) => r.offset + DRIFT_PER_MS * (sentAt - r.sentAt);
      const loosest = samples.reduce((worst, r) => (looseness(r) > looseness(worst) ? r : worst));
      samples.splice(samples.indexOf(loosest), 1);
    },
    upperAt({ at, now }) {
      if (!Number.isFinite(at)) return null;
      let offset = Infinity;
      for (const s of samples) {
        if (s.sentAt < now - MAX_AGE_MS) continue;
        offset = Math.min(offset, s.offset + DRIFT_PER_MS * Math.abs(at - s.sentAt));
      }
      return offset === Infinity ? null : at + offset;
    },
  };
}

export { createDbClockBound };
export type { DbClockBound };
