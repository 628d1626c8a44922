import { currentTypeVersion, storedEventData, type StoredEvent } from '@baton/core';
import { storedEventOf, type EventRowOf } from '../event-row.js';
import type { PendingEvent } from '../stream-append.js';
import { blockIdSql } from './pg-id-block.js';
import type { PgNames } from './pg-schema.js';

/**
 * The log as every reader sees it (ADR 0034). A plain row is one event. A
 * batch row (batch_payloads not null) is one TaskSubmitted per task it still
 * holds: the i-th (from 1) is numbered seq + i - 1 and has the row's data and
 * run time with its own id and payload; an archived task's place (JSON null)
 * reads as nothing. `x` is null for a plain row. Readers bound `e` by the
 * physical row, never by the computed number alone (no index has it), and
 * order by (e.seq, x.ord), which is the numbers' order: no other row holds a
 * number inside a batch row's block.
 */
function logFrom(events: string): string {
  return `${events} e LEFT JOIN LATERAL (SELECT y.ord, y.p, ${placeIdSql('e', 'y.ord')} AS id
      FROM jsonb_array_elements(e.batch_payloads) WITH ORDINALITY AS y(p, ord)) x ON true`;
}

/** SQL: the id at place `ord` of batch row `row`: from its array, or derived from the first of its block (ADR 0035). */
function placeIdSql(row: string, ord: string): string {
  return `CASE WHEN ${row}.batch_ids IS NOT NULL THEN ${row}.batch_ids ->> ((${ord})::int - 1) ELSE ${blockIdSql(`${row}.batch_first_id`, ord)} END`;
}

/** An event's number: a plain row's own, or its place in a batch row's block. */
const LOG_SEQ = '(e.seq + COALESCE(x.ord, 1) - 1)';

/** Leaves out a batch row's archived places. */
const LOG_HELD = '(e.batch_payloads IS NULL OR x.id IS NOT NULL)';

/**
 * The columns an event is read with, over logFrom; numbers as float8 so pg
 * returns them as JS numbers. The data is the data column with the payload
 * and run time a submit wrote apart put back (ADR 0031, both or neither):
 * a plain row's own, or a batch row's place's payload and the row's run time.
 * jsonb keeps its keys in one order, so this is the very value one column
 * would have held.
 */
const LOG_COLUMNS = `${LOG_SEQ}::float8 AS seq, COALESCE(x.id, e.stream_id) AS stream_id, e.version, e.type, e.type_version,
      CASE WHEN x.ord IS NOT NULL THEN e.data || jsonb_build_object('payload', x.p, 'runAt', e.run_at)
        WHEN e.payload IS NULL THEN e.data ELSE e.data || jsonb_build_object('payload', e.payload, 'runAt', e.run_at) END AS data,
      e.time::float8 AS time`;

/** The physical row that holds event number `seqSql`: itself, or the batch row whose block it is in. */
function holdingRowSql(events: string, seqSql: string): string {
  return `(SELECT max(h.seq) FROM ${events} h WHERE h.seq <= ${seqSql})`;
}

/**
 * Every event of the streams in $1 (text[]), in each stream's version order.
 * A task submitted in a batch has its first event in the batch row that
 * holds its submitSeq; its task row says which.
 */
function streamsSql(names: PgNames): string {
  const events = names.table('events');
  return `SELECT ${LOG_COLUMNS} FROM ${logFrom(events)}
      WHERE (e.stream_id = ANY($1::text[])
          OR e.seq = ANY(ARRAY(SELECT ${holdingRowSql(events, 't.submit_seq')} FROM ${names.table('tasks')} t WHERE t.id = ANY($1::text[]))))
        AND COALESCE(x.id, e.stream_id) = ANY($1::text[])
      ORDER BY ${LOG_SEQ}`;
}

/** Events numbered above $1, in order, at most $2. */
function afterSql(events: string): string {
  return `SELECT ${LOG_COLUMNS} FROM ${logFrom(events)}
      WHERE e.seq >= COALESCE(${holdingRowSql(events, '$1::bigint')}, 0) AND ${LOG_HELD} AND ${LOG_SEQ} > $1::bigint
      ORDER BY e.seq, x.ord LIMIT $2`;
}

/** An event as pg returns it for LOG_COLUMNS. */
type EventRow = EventRowOf<unknown>;

/** A stored row as an event in the current shape of its type, whatever version wrote it. */
const toStoredEvent = (row: EventRow): StoredEvent => storedEventOf(row, row.data);

/**
 * The one way events enter the PostgreSQL log, many in one statement: $1 is
 * `eventRowsParam(rows)`. The column has no default, so a write that forgets
 * the type's version fails instead of mislabelling the event.
 */
function eventInsertSql(names: PgNames): string {
  return `INSERT INTO ${names.table('events')} (stream_id, version, type, type_version, data, time)
      SELECT stream_id, version, type, type_version, data, time
      FROM jsonb_to_recordset($1::jsonb) AS e(stream_id text, version integer, type text, type_version integer, data jsonb, time bigint)
      RETURNING seq::float8 AS seq, stream_id, version`;
}

/** Each event stamped with the version of its type's shape this code writes, its data in the form that version is stored in. */
function stampedEventRows(rows: readonly PendingEvent[]): (PendingEvent & { type_version: number })[] {
  return rows.map((r) => ({ ...r, data: storedEventData(r), type_version: currentTypeVersion(r.type) }));
}

/** The parameter of eventInsertSql. */
function eventRowsParam(rows: readonly PendingEvent[]): string {
  return JSON.stringify(stampedEventRows(rows));
}

export { LOG_COLUMNS, LOG_HELD, LOG_SEQ, afterSql, holdingRowSql, logFrom, placeIdSql, streamsSql, toStoredEvent, eventInsertSql, eventRowsParam, stampedEventRows };
export type { EventRow };
