/**
 * A token bucket per key (an API token's id): `perSecond` sustained, `burst`
 * at once. In memory, per node: a cluster of N nodes allows up to N times the
 * rate to a client that spreads its requests, which is the price of not
 * putting a counter write on every request's path.
 */
function createRateLimiter(params) {
    const now = params.now ?? (() => performance.now());
    const buckets = new Map();
    return {
        /** Takes one request from the key's bucket: 0 when allowed, else how many ms until one is. */
        take(key) {
            const t = now();
            const bucket = buckets.get(key) ?? { tokens: params.burst, at: t };
            bucket.tokens = Math.min(params.burst, bucket.tokens + ((t - bucket.at) / 1_000) * params.perSecond);
            bucket.at = t;
            if (buckets.size > 100_000)
                buckets.clear();
            buckets.set(key, bucket);
            if (bucket.tokens >= 1) {
                bucket.tokens -= 1;
                return 0;
            }
            return Math.ceil(((1 - bucket.tokens) / params.perSecond) * 1_000);
        },
    };
}
/** Caps how many long-polls (claims, cancel watches, awaits) one node holds open at once. */
function createWaiterCap(limit) {
    let open = 0;
    return {
        /** Runs `fn` if a place is free; false when the cap is reached. */
        tryEnter() {
            if (open >= limit)
                return false;
            open += 1;
            return true;
        },
        leave() {
            open = Math.max(0, open - 1);
        },
    };
}
export { createRateLimiter, createWaiterCap };
//# sourceMappingURL=rate-limiter.js.map