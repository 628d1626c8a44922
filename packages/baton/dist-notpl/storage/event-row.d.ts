import { type StoredEvent } from '@baton/core';
/** An events row as a driver returns it: `data` is JSON text on SQLite, already parsed on PostgreSQL. */
interface EventRowOf<Data> {
    seq: number;
    stream_id: string;
    version: number;
    type: string;
    type_version: number;
    data: Data;
    time: number;
}
/** A stored row, with its data parsed, as an event in the current shape of its type, whatever version wrote it. */
declare function storedEventOf(row: EventRowOf<unknown>, data: unknown): StoredEvent;
export { storedEventOf };
export type { EventRowOf };
//# sourceMappingURL=event-row.d.ts.map