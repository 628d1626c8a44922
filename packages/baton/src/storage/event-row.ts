import { upcastEvent, type StoredEvent } from '@baton/core';

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
function storedEventOf(row: EventRowOf<unknown>, data: unknown): StoredEvent {
  const event = { seq: row.seq, streamId: row.stream_id, version: row.version, type: row.type, data, time: row.time };
  return upcastEvent({ event, typeVersion: row.type_version });
}

export { storedEventOf };
export type { EventRowOf };
