import type { BackoffPolicy } from './task-state.js';

const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 1_000, factor: 2, maxMs: 3_600_000, jitter: 0.2 };

/**
 * Delay before the attempt that follows `failedAttempt` (1-based).
 * `random` is a number in [0, 1) supplied by the caller, so the function stays
 * pure and tests can pin it. Jitter only ever shortens the delay, so the cap holds.
 */
function backoffDelay(params: { failedAttempt: number; policy: BackoffPolicy; random: number }): number {
  const { failedAttempt, policy, random } = params;
  const exponent = Math.max(0, failedAttempt - 1);
  const raw = policy.baseMs * Math.pow(policy.factor, exponent);
  const capped = Math.min(policy.maxMs, Number.isFinite(raw) ? raw : policy.maxMs);
  const r = Math.min(Math.max(random, 0), 1);
  return Math.round(capped * (1 - policy.jitter * r));
}

export { DEFAULT_BACKOFF, backoffDelay };
