import { type StoredEvent } from '@baton/core';
import { type EventRowOf } from '../event-row.js';
import type { PendingEvent } from '../stream-append.js';
import type { PgNames } from './pg-schema.js';
/**
 * An event's data as stored: the data column, with the payload and run time
 * a submit wrote apart (ADR 0031, both or neither) put back. jsonb keeps its
 * keys in one order, so this is the very value one column would have held.
 */
declare const EVENT_DATA = "CASE WHEN payload IS NULL THEN data ELSE data || jsonb_build_object('payload', payload, 'runAt', run_at) END";
/** The columns an event is read with; numbers as float8 so pg returns them as JS numbers. */
declare const EVENT_COLUMNS = "seq::float8 AS seq, stream_id, version, type, type_version, CASE WHEN payload IS NULL THEN data ELSE data || jsonb_build_object('payload', payload, 'runAt', run_at) END AS data, time::float8 AS time";
/** An events row as pg returns it for EVENT_COLUMNS. */
type EventRow = EventRowOf<unknown>;
/** A stored row as an event in the current shape of its type, whatever version wrote it. */
declare const toStoredEvent: (row: EventRow) => StoredEvent;
/**
 * The one way events enter the PostgreSQL log, many in one statement: $1 is
 * `eventRowsParam(rows)`. The column has no default, so a write that forgets
 * the type's version fails instead of mislabelling the event.
 */
declare function eventInsertSql(names: PgNames): string;
/** Each event stamped with the version of its type's shape this code writes, its data in the form that version is stored in. */
declare function stampedEventRows(rows: readonly PendingEvent[]): (PendingEvent & {
    type_version: number;
})[];
/** The parameter of eventInsertSql. */
declare function eventRowsParam(rows: readonly PendingEvent[]): string;
export { EVENT_COLUMNS, EVENT_DATA, toStoredEvent, eventInsertSql, eventRowsParam, stampedEventRows };
export type { EventRow };
//# sourceMappingURL=pg-event-log.d.ts.map