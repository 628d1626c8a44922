import { BatonError } from '@baton/core';
/** Runs a long-poll inside the node's cap; a request that would not wait is never refused. */
async function capped(cap, waits, fn) {
    if (!waits)
        return fn();
    if (!cap.tryEnter())
        throw new BatonError({ code: 'TOO_MANY_WAITERS', message: 'this node holds as many long-polls as it allows; try again shortly or with wait=0' });
    try {
        return await fn();
    }
    finally {
        cap.leave();
    }
}
export { capped };
//# sourceMappingURL=long-poll-cap.js.map