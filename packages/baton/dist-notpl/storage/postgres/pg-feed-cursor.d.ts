/** A feed position on PostgreSQL: the transaction id and sequence of the last event read. */
interface FeedPosition {
    xid: string;
    seq: number;
}
declare function encodeFeedCursor(position: FeedPosition): string;
declare function decodeFeedCursor(cursor: string): FeedPosition;
export { encodeFeedCursor, decodeFeedCursor };
export type { FeedPosition };
//# sourceMappingURL=pg-feed-cursor.d.ts.map