import { currentTypeVersion, storedEventData } from '@baton/core';
import { storedEventOf } from '../event-row.js';
/**
 * An event's data as stored: the data column, with the payload and run time
 * a submit wrote apart (ADR 0031, both or neither) put back. jsonb keeps its
 * keys in one order, so this is the very value one column would have held.
 */
const EVENT_DATA = `CASE WHEN payload IS NULL THEN data ELSE data || jsonb_build_object('payload', payload, 'runAt', run_at) END`;
/** The columns an event is read with; numbers as float8 so pg returns them as JS numbers. */
const EVENT_COLUMNS = `seq::float8 AS seq, stream_id, version, type, type_version, ${EVENT_DATA} AS data, time::float8 AS time`;
/** A stored row as an event in the current shape of its type, whatever version wrote it. */
const toStoredEvent = (row) => storedEventOf(row, row.data);
/**
 * The one way events enter the PostgreSQL log, many in one statement: $1 is
 * `eventRowsParam(rows)`. The column has no default, so a write that forgets
 * the type's version fails instead of mislabelling the event.
 */
function eventInsertSql(names) {
    return `INSERT INTO ${names.table('events')} (stream_id, version, type, type_version, data, time)
      SELECT stream_id, version, type, type_version, data, time
      FROM jsonb_to_recordset($1::jsonb) AS e(stream_id text, version integer, type text, type_version integer, data jsonb, time bigint)
      RETURNING seq::float8 AS seq, stream_id, version`;
}
/** Each event stamped with the version of its type's shape this code writes, its data in the form that version is stored in. */
function stampedEventRows(rows) {
    return rows.map((r) => ({ ...r, data: storedEventData(r), type_version: currentTypeVersion(r.type) }));
}
/** The parameter of eventInsertSql. */
function eventRowsParam(rows) {
    return JSON.stringify(stampedEventRows(rows));
}
export { EVENT_COLUMNS, EVENT_DATA, toStoredEvent, eventInsertSql, eventRowsParam, stampedEventRows };
//# sourceMappingURL=pg-event-log.js.map