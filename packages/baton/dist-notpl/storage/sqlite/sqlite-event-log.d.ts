import type Database from 'better-sqlite3';
import { type StoredEvent } from '@baton/core';
import { type EventRowOf } from '../event-row.js';
import type { PendingEvent } from '../stream-append.js';
/** An events row as SQLite returns it. */
type EventRow = EventRowOf<string>;
/** A stored row as an event in the current shape of its type, whatever version wrote it. */
declare const toStoredEvent: (row: EventRow) => StoredEvent;
/**
 * The one way an event enters the SQLite log: stamped with the version of its
 * type's shape that this code writes, its data in that version's stored form.
 * Returns the event's place in the log.
 */
declare function createEventInsert(db: Database.Database): (event: PendingEvent) => number;
export { toStoredEvent, createEventInsert };
export type { EventRow };
//# sourceMappingURL=sqlite-event-log.d.ts.map