import { randomFillSync } from 'node:crypto';
import type { Clock, Ids } from '@baton/core';

/**
 * Random bytes drawn from the OS a page at a time: one call per id cost about
 * 8 µs, a tenth of a batch submit's time in Node.
 */
const POOL_BYTES = 4096;
const ID_BYTES = 16;

/**
 * UUIDv7 (RFC 9562): time-ordered, so ids sort roughly by creation and index
 * well, with 74 random bits so nodes never need to coordinate.
 */
function createUuidV7Ids(params: { clock: Clock }): Ids {
  const pool = Buffer.alloc(POOL_BYTES);
  let offset = POOL_BYTES;
  return {
    next() {
      if (offset + ID_BYTES > POOL_BYTES) {
        randomFillSync(pool);
        offset = 0;
      }
      const bytes = Buffer.from(pool.subarray(offset, offset + ID_BYTES));
      offset += ID_BYTES;
      // 48 bits of milliseconds, big-endian; plain arithmetic is exact below 2^53.
      let ms = params.clock.now();
      for (let i = 5; i >= 0; i--) {
        bytes[i] = ms % 256;
        ms = Math.floor(ms / 256);
      }
      bytes[6] = (bytes[6]! & 0x0f) | 0x70;
      bytes[8] = (bytes[8]! & 0x3f) | 0x80;
      const hex = bytes.toString('hex');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    },
  };
}

export { createUuidV7Ids };
