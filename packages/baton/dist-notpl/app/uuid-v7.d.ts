import type { Clock, Ids } from '@baton/core';
/**
 * UUIDv7 (RFC 9562): time-ordered, so ids sort roughly by creation and index
 * well, with 74 random bits so nodes never need to coordinate.
 */
declare function createUuidV7Ids(params: {
    clock: Clock;
}): Ids;
export { createUuidV7Ids };
//# sourceMappingURL=uuid-v7.d.ts.map