import { upcastEvent } from '@baton/core';
/** A stored row, with its data parsed, as an event in the current shape of its type, whatever version wrote it. */
function storedEventOf(row, data) {
    const event = { seq: row.seq, streamId: row.stream_id, version: row.version, type: row.type, data, time: row.time };
    return upcastEvent({ event, typeVersion: row.type_version });
}
export { storedEventOf };
//# sourceMappingURL=event-row.js.map