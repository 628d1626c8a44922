import { currentTypeVersion, storedEventData } from '@baton/core';
import { storedEventOf } from '../event-row.js';
/** A stored row as an event in the current shape of its type, whatever version wrote it. */
const toStoredEvent = (row) => storedEventOf(row, JSON.parse(row.data));
/**
 * The one way an event enters the SQLite log: stamped with the version of its
 * type's shape that this code writes, its data in that version's stored form.
 * Returns the event's place in the log.
 */
function createEventInsert(db) {
    const insert = db.prepare('INSERT INTO events (stream_id, version, type, type_version, data, time) VALUES (?, ?, ?, ?, ?, ?)');
    return (e) => Number(insert.run(e.stream_id, e.version, e.type, currentTypeVersion(e.type), JSON.stringify(storedEventData(e)), e.time).lastInsertRowid);
}
export { toStoredEvent, createEventInsert };
//# sourceMappingURL=sqlite-event-log.js.map