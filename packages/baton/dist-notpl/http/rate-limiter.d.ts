/**
 * A token bucket per key (an API token's id): `perSecond` sustained, `burst`
 * at once. In memory, per node: a cluster of N nodes allows up to N times the
 * rate to a client that spreads its requests, which is the price of not
 * putting a counter write on every request's path.
 */
declare function createRateLimiter(params: {
    perSecond: number;
    burst: number;
    now?: () => number;
}): {
    /** Takes one request from the key's bucket: 0 when allowed, else how many ms until one is. */
    take(key: string): number;
};
/** Caps how many long-polls (claims, cancel watches, awaits) one node holds open at once. */
declare function createWaiterCap(limit: number): {
    /** Runs `fn` if a place is free; false when the cap is reached. */
    tryEnter(): boolean;
    leave(): void;
};
type RateLimiter = ReturnType<typeof createRateLimiter>;
type WaiterCap = ReturnType<typeof createWaiterCap>;
export { createRateLimiter, createWaiterCap };
export type { RateLimiter, WaiterCap };
//# sourceMappingURL=rate-limiter.d.ts.map