import { BatonError } from '@baton/core';

/** Cursors are opaque to clients: the submission sequence of the last task seen. */
function encodeCursor(submitSeq: number): string {
  return Buffer.from(`s:${submitSeq}`, 'utf8').toString('base64url');
}

function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^s:(\d{1,15})$/.exec(text);
  if (!match?.[1]) {
    throw new BatonError({
      code: 'VALIDATION_FAILED',
      message: 'cursor: not a cursor this server gave out',
      issues: [{ path: 'cursor', rule: 'invalid_cursor', message: 'not a cursor this server gave out' }],
    });
  }
  return Number(match[1]);
}

export { encodeCursor, decodeCursor };
