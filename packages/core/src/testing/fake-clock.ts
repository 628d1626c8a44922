import type { Clock } from '../ports/clock.js';

/** A clock that moves only when told to: for deterministic tests of timers and leases. */
interface FakeClock extends Clock {
  advance(ms: number): number;
  set(ms: number): void;
}

function createFakeClock(params: { start?: number } = {}): FakeClock {
  let now = params.start ?? Date.UTC(2026, 0, 1);
  return {
    now: () => now,
    advance(ms) {
      now += ms;
      return now;
    },
    set(ms) {
      now = ms;
    },
  };
}

export { createFakeClock };
export type { FakeClock };
