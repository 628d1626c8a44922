import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffDelay, type BackoffPolicy } from '../src/index.js';

const policy: BackoffPolicy = { baseMs: 1_000, factor: 2, maxMs: 10_000, jitter: 0 };

describe('backoffDelay', () => {
  it('grows exponentially and stops at the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((failedAttempt) => backoffDelay({ failedAttempt, policy, random: 0.9 }))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });
  it('jitter only shortens the delay, within the jitter fraction', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (failedAttempt, jitter, random) => {
        const full = backoffDelay({ failedAttempt, policy, random: 0 });
        const d = backoffDelay({ failedAttempt, policy: { ...policy, jitter }, random });
        expect(d).toBeLessThanOrEqual(full);
        expect(d).toBeGreaterThanOrEqual(Math.floor(full * (1 - jitter)) - 1);
        expect(d).toBeLessThanOrEqual(policy.maxMs);
      }),
    );
  });
  it('survives absurd attempt counts without overflow', () => {
    expect(backoffDelay({ failedAttempt: 10_000, policy, random: 0 })).toBe(10_000);
  });
});
