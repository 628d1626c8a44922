import { BatonError } from '@baton/core';
import type { WaiterCap } from './rate-limiter.js';

/** Runs a long-poll inside the node's cap; a request that would not wait is never refused. */
async function capped<T>(cap: WaiterCap, waits: boolean, fn: () => Promise<T>): Promise<T> {
  if (!waits) return fn();
  if (!cap.tryEnter()) throw new BatonError({ code: 'TOO_MANY_WAITERS', message: 'this node holds as many long-polls as it allows; try again shortly or with wait=0' });
  try {
    return await fn();
  } finally {
    cap.leave();
  }
}

export { capped };
