import type { Clock } from '@baton/core';

/**
 * The clock read to a fraction of the millisecond it counts in, for the due
 * timer: on PostgreSQL a delayed task's run time keeps its fraction (ADR 0036),
 * and a timer that waited for the clock's next whole millisecond would start
 * such a task up to a millisecond late.
 *
 * The fraction comes from the steady timer. `offset` is the largest
 * `clock - steady` seen: while both run at the same rate that is a lower
 * bound of their true offset (the clock shows the millisecond that has
 * begun), so a reading lags the true time a little and never leads it. A
 * reading past the millisecond the clock shows (the steady timer ran ahead,
 * the clock was stepped back, a test's clock stands still) starts the offset
 * over from that millisecond. So a reading is always within the millisecond
 * the clock shows: compared with whole-millisecond times it decides exactly
 * as the clock would.
 */
function fractionalClock(params: { clock: Clock; steady?: () => number }): Clock {
  const { clock } = params;
  const steady = params.steady ?? (() => performance.now());
  let offset = -Infinity;
  return {
    now() {
      const whole = clock.now();
      const at = steady();
      offset = Math.max(offset, whole - at);
      const precise = at + offset;
      if (precise < whole + 1) return precise;
      offset = whole - at;
      return whole;
    },
  };
}

export { fractionalClock };
