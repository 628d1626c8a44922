import { BatonError } from '@baton/core';
function encodeFeedCursor(position) {
    return `${position.xid}.${position.seq}`;
}
function decodeFeedCursor(cursor) {
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
//# sourceMappingURL=pg-feed-cursor.js.map