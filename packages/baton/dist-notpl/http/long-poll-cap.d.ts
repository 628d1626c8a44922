import type { WaiterCap } from './rate-limiter.js';
/** Runs a long-poll inside the node's cap; a request that would not wait is never refused. */
declare function capped<T>(cap: WaiterCap, waits: boolean, fn: () => Promise<T>): Promise<T>;
export { capped };
//# sourceMappingURL=long-poll-cap.d.ts.map