import { BatonError } from '@baton/core';

/** A feed position on PostgreSQL: the transaction id and sequence of the last event read. */
interface FeedPosition {
  xid: string;
  seq: number;
}

function encodeFeedCursor(position: FeedPosition): string {
  return `${position.xid}.${position.seq}`;
}

function decodeFeedCursor(cursor: string): FeedPosition {
  const match = /^(\d{1,20})\.(\d{1,15})$/.exec(cursor);
  if (!match?.[1] || !match[2]) {
    throw new BatonError({
      code: 'VALIDATION_FAILED',
      message: 'cursor: not a feed cursor this server gave out',
      issues: [{ path: 'cursor', rule: 'invalid_cursor', message: 'not a feed cursor' }],
    });
  }
  return { xid: match[1], seq: Number(match[2]) };
}

export { encodeFeedCursor, decodeFeedCursor };
export type { FeedPosition };
