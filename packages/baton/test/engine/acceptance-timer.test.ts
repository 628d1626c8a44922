import { describe, expect, it } from 'vitest';
import { createFakeClock } from '@baton/core/testing';
import { acceptanceTimer } from '../../src/engine/submission.js';

describe('acceptanceTimer: how long ago a submission was accepted', () => {
  it('reads 0 on a clock that stands still, whatever real time passes', async () => {
    const clock = createFakeClock();
    const since = acceptanceTimer(clock);
    await new Promise((resolve) => setTimeout(resolve, 15));
    expect(since()).toBe(0);
    clock.advance(40);
    // The steady timer saw about 15 ms: the smaller reading wins.
    expect(since()).toBeGreaterThanOrEqual(14);
    expect(since()).toBeLessThan(40);
  });

  it('gives whole milliseconds of real time, and never counts a wall clock stepped forward', async () => {
    let wall = 1_000_000;
    const clock = { now: () => wall };
    const since = acceptanceTimer(clock);
    await new Promise((resolve) => setTimeout(resolve, 20));
    wall += 60_000;
    const elapsed = since();
    expect(Number.isInteger(elapsed)).toBe(true);
    expect(elapsed).toBeGreaterThanOrEqual(19);
    expect(elapsed).toBeLessThan(1_000);
    wall -= 120_000;
    expect(since()).toBe(0);
  });

  it('counts to the fraction of a millisecond while the clock keeps time with the steady timer', async () => {
    const readings: number[] = [];
    for (let i = 0; i < 20; i++) {
      const steadyBefore = performance.now();
      const since = acceptanceTimer({ now: () => Date.now() });
      await new Promise((resolve) => setTimeout(resolve, 2));
      const elapsed = since();
      // Never more than the steady time that passed, and not a millisecond less either.
      expect(elapsed).toBeLessThanOrEqual(performance.now() - steadyBefore);
      expect(elapsed).toBeGreaterThan(performance.now() - steadyBefore - 1);
      readings.push(elapsed);
    }
    expect(readings.some((r) => !Number.isInteger(r))).toBe(true);
  });
});

