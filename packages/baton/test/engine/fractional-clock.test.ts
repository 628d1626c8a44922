import { describe, expect, it } from 'vitest';
import { fractionalClock } from '../../src/engine/fractional-clock.js';

/** A true time, a whole-millisecond clock of it, and a steady timer offset from it. */
function simulated(params: { start: number; steadyOffset: number }) {
  let t = params.start;
  return {
    set: (next: number) => void (t = next),
    get true() {
      return t;
    },
    clock: { now: () => Math.floor(t) },
    steady: () => t - params.steadyOffset,
  };
}

describe('fractionalClock', () => {
  it('reads the fraction of the millisecond, never ahead of the true time nor outside the millisecond the clock shows', () => {
    const sim = simulated({ start: 1_000_000.3, steadyOffset: 999_123.4567 });
    const clock = fractionalClock({ clock: sim.clock, steady: sim.steady });
    const readings: number[] = [];
    for (let i = 0; i < 2_000; i++) {
      sim.set(sim.true + 0.0371);
      const now = clock.now();
      expect(now).toBeLessThanOrEqual(sim.true);
      expect(Math.floor(now)).toBe(Math.floor(sim.true));
      readings.push(sim.true - now);
    }
    // Once a reading has fallen just after a millisecond began, the lag is that small for good.
    expect(Math.max(...readings.slice(100))).toBeLessThan(0.04);
    expect(readings.slice(100).some((lag) => lag > 0)).toBe(true);
  });

  it('starts over from the clock when the steady timer runs past it, and never leaves the millisecond the clock shows', () => {
    let wall = 5_000;
    let steady = 0;
    const clock = fractionalClock({ clock: { now: () => wall }, steady: () => steady });
    expect(clock.now()).toBe(5_000);
    steady = 0.4;
    expect(clock.now()).toBeCloseTo(5_000.4, 9);
    // The wall clock stands still (a test's clock, or a step back) while the steady timer goes on.
    steady = 7;
    expect(clock.now()).toBe(5_000);
    wall = 4_990;
    expect(clock.now()).toBe(4_990);
    steady = 7.5;
    expect(clock.now()).toBeCloseTo(4_990.5, 9);
  });

  it('decides as the whole-millisecond clock does against whole-millisecond times', () => {
    const sim = simulated({ start: 2_000.9, steadyOffset: -17.25 });
    const clock = fractionalClock({ clock: sim.clock, steady: sim.steady });
    for (let i = 0; i < 500; i++) {
      sim.set(sim.true + 0.013);
      const due = 2_001 + Math.floor(i / 100);
      expect(clock.now() >= due).toBe(sim.clock.now() >= due);
    }
  });
});
