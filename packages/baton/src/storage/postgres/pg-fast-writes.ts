import { createHash } from 'node:crypto';
import type pg from 'pg';
import { evolve, type SqlConnection, type StoredTaskEvent, type TaskEvent, type TaskView } from '@baton/core';
import { signalsOf, type TaskChange } from '../change-signals.js';
import { eventRowsParam, stampedEventRows } from './pg-event-log.js';
import { nowSql, type PgNames } from './pg-schema.js';
import { encodeSignals } from './pg-signals.js';
import { TASK_COLUMNS, taskRow } from './pg-task-row.js';

/**
 * A prepared statement's name: short (PostgreSQL cuts names at 63 bytes) and
 * distinct per schema, since one pool may serve stores of several schemas.
 */
function preparedName(names: PgNames, key: string): string {
  let prefix = PREFIXES.get(names.schema);
  if (prefix === undefined) {
    prefix = `baton_${createHash('sha1').update(names.schema).digest('hex').slice(0, 10)}_`;
    PREFIXES.set(names.schema, prefix);
  }
  return prefix + key;
}

/** Each schema's prefix, hashed once: a hash per statement was 1% of a drain's CPU. */
const PREFIXES = new Map<string, string>();

/** A hot statement as a query config that pg prepares once per pooled connection: planning these costs more than running them. */
function preparedQuery(names: PgNames, key: string, text: string, values: unknown[]): pg.QueryConfig {
  return { name: preparedName(names, key), text, values };
}

/** A connection taken from the hot pool, on which the hot statements run prepared. */
interface HotClient {
  hotConnection: pg.PoolClient;
}

const EVENT_RECORD = 'e(stream_id text, version integer, type text, type_version integer, data jsonb, time bigint)';

/**
 * Writes that need no transaction of their own: one statement each, so one
 * round trip and one commit (ADR 0020).
 *
 * - `insert` appends the TaskSubmitted events of new tasks and inserts their
 *   rows, taking each task's submitSeq and queueSeq from its event, as evolve
 *   does.
 * - `update` writes the fold of a task's new events only if the row is still
 *   at the version the decision was made on. The row's lock and version check
 *   come first and the events second, so the rule of ADR 0006 holds (xid no
 *   later than the row lock). A row that moved on writes nothing, and the
 *   caller decides again under the lock.
 */
function createPgFastWrites(params: { names: PgNames; pool: pg.Pool; hot?: pg.Pool }) {
  const hot = params.hot ?? params.pool;
  const { names } = params;
  const tasks = names.table('tasks');
  const events = names.table('events');
  /** Named, so the planner resolves it once: looking it up by pg_get_serial_sequence on every submit cost 0.3 ms. */
  const eventSeq = names.eventSeq;
  const notifyWhen = (condition: string, notify: boolean, first: number) => (notify ? `, CASE WHEN ${condition} THEN pg_notify($${first}, $${first + 1}) IS NULL END AS notified` : '');
  const text = {
    /**
     * $1 [{task, ev}], a task row (`taskRow`) and its one TaskSubmitted event
     * per new task; $2/$3 channel and payload when notifying. Each row takes
     * its seq from the log's sequence first, so the event and the row get it
     * without joining one to the other.
     */
    insert: (notify: boolean) => `WITH r AS MATERIALIZED (
        SELECT t.*, x.ev, nextval('${eventSeq}'::regclass) AS seq
        FROM jsonb_to_recordset($1::jsonb) AS x(task jsonb, ev jsonb), LATERAL jsonb_populate_record(NULL::${tasks}, x.task) t),
      logged AS (
        INSERT INTO ${events} (seq, stream_id, version, type, type_version, data, time)
        SELECT r.seq, r.ev->>'stream_id', (r.ev->>'version')::integer, r.ev->>'type', (r.ev->>'type_version')::integer, r.ev->'data', (r.ev->>'time')::bigint FROM r
        RETURNING 1),
      up AS (
        INSERT INTO ${tasks} (${TASK_COLUMNS.join(', ')})
        SELECT ${TASK_COLUMNS.map((c) => (c === 'submit_seq' || c === 'queue_seq' ? 'r.seq' : `r.${c}`)).join(', ')} FROM r RETURNING 1)
      SELECT (SELECT jsonb_object_agg(r.id, r.seq) FROM r) AS seqs, (SELECT count(*) FROM up)::int AS inserted,
        (SELECT count(*) FROM logged)::int AS logged${notifyWhen('EXISTS (SELECT 1 FROM up)', notify, 2)}`,
    /**
     * The rows are read under a LIMIT of their own count: PostgreSQL guesses
     * 100 rows for a JSON recordset, and once the table's statistics said it
     * was small, a scan of the whole table and a hash looked cheaper than 100
     * key lookups, so every report read every task (bench/RESULTS.md, history
     * 48). A limit it cannot read at planning time it takes as a tenth of
     * that, and 10 lookups by key stay the cheaper plan.
     *
     * $1 [{task, before}], task rows (`taskRow`), $2 events, $3/$4 channel and
     * payload when notifying; returns the ids it wrote. Stamped (`stamp`): the
     * database's now (pinned now as the last parameter) is the events' time
     * and the rows' updated_at, and the answer says what it was; for commands
     * whose decision does not depend on the time (see `update`).
     */
    update: (notify: boolean, stamp: boolean) => {
      const pinned = `$${notify ? 5 : 3}`;
      return `WITH ${stamp ? `n AS (SELECT ${nowSql(pinned)} AS ms),` : ''}
      up AS (
        UPDATE ${tasks} t SET state = d.state, priority = d.priority, run_at = d.run_at, agent_id = d.agent_id,
          lease_expires_at = d.lease_expires_at, version = d.version, doc = d.doc, queue_seq = d.queue_seq,
          payload = d.payload, submitted_at = d.submitted_at, updated_at = ${stamp ? '(SELECT ms FROM n)' : 'd.updated_at'}
        FROM (SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(task jsonb, before integer) LIMIT (SELECT jsonb_array_length($1::jsonb))) x,
          LATERAL jsonb_populate_record(NULL::${tasks}, x.task) d
        WHERE t.id = d.id AND t.version = x.before
        RETURNING t.id),
      ev AS (
        INSERT INTO ${events} (stream_id, version, type, type_version, data, time)
        SELECT stream_id, version, type, type_version, data, ${stamp ? '(SELECT ms FROM n)' : 'time'} FROM jsonb_to_recordset($2::jsonb) AS ${EVENT_RECORD}
        WHERE stream_id IN (SELECT id FROM up)
        RETURNING 1)
      SELECT (SELECT COALESCE(array_agg(id), '{}') FROM up) AS ids, (SELECT count(*) FROM ev)::int AS logged${stamp ? ', (SELECT ms FROM n)::float8 AS now' : ''}${notifyWhen('EXISTS (SELECT 1 FROM up)', notify, 3)}`;
    },
  };

  const eventRows = (taskId: string, before: TaskView | null, decided: readonly TaskEvent[], now: number) => {
    let version = before?.version ?? 0;
    return decided.map((e) => ({ stream_id: taskId, version: ++version, type: e.type, data: e.data, time: now }));
  };
  const fold = (before: TaskView | null, taskId: string, decided: readonly TaskEvent[], now: number) => {
    let state = before;
    let version = before?.version ?? 0;
    // seq 0: the only fields that take an event's seq (submitSeq, queueSeq) are set by the statement itself.
    for (const event of decided) state = evolve(state, { ...event, seq: 0, streamId: taskId, version: ++version, time: now } as StoredTaskEvent);
    return state as TaskView;
  };
  const signals = (changes: TaskChange[]) => encodeSignals(signalsOf(changes));
  /**
   * On Baton's own pool the statement is prepared once per connection: these
   * CTEs cost more to plan than to run. An application's connection gets plain text.
   */
  const run = (q: SqlConnection | pg.Pool | HotClient, key: string, sql: string, values: unknown[]) => {
    if ('hotConnection' in q) return q.hotConnection.query(preparedQuery(names, key, sql, values));
    return q === params.pool || q === hot ? hot.query(preparedQuery(names, key, sql, values)) : (q as SqlConnection).query(sql, values);
  };

  return {
    /** The statement texts, for the plan tests. */
    statements: text,
    /**
     * Prepares both statements (or only the submit's), in both forms, on this
     * connection, by running them on no rows: nothing is written and nothing
     * notified.
     */
    async prepareOn(client: pg.PoolClient, options: { submitOnly?: boolean } = {}): Promise<void> {
      for (const notify of [false, true]) {
        const signal = notify ? [names.channel, ''] : [];
        await client.query(preparedQuery(names, `insert_${notify}`, text.insert(notify), ['[]', ...signal]));
        if (options.submitOnly) continue;
        await client.query(preparedQuery(names, `update_${notify}`, text.update(notify, false), ['[]', '[]', ...signal]));
        await client.query(preparedQuery(names, `update_stamped_${notify}`, text.update(notify, true), ['[]', '[]', ...signal, null]));
      }
    },

    /** New tasks, each with its one TaskSubmitted event; returns their rows as stored. */
    async insert(q: SqlConnection | pg.Pool | HotClient, created: readonly { taskId: string; events: readonly TaskEvent[] }[], now: number): Promise<TaskView[]> {
      if (created.length === 0) return [];
      const docs = created.map((c) => fold(null, c.taskId, c.events, now));
      const payload = signals(docs.map((after) => ({ before: null, after })));
      const events = stampedEventRows(created.flatMap((c) => eventRows(c.taskId, null, c.events, now)));
      if (events.length !== created.length) throw new Error('store invariant broken: a new task has exactly one event');
      const rows = JSON.stringify(docs.map((doc, i) => ({ task: taskRow(doc), ev: events[i] })));
      const values = payload === null ? [rows] : [rows, names.channel, payload];
      const result = (await run(q, `insert_${payload !== null}`, text.insert(payload !== null), values)).rows[0] as { seqs: Record<string, number>; inserted: number; logged: number };
      if (result.inserted !== created.length || result.logged !== created.length) throw new Error(`store invariant broken: ${result.inserted} rows and ${result.logged} events for ${created.length} new tasks`);
      // The row holds exactly this: the doc with the seq its event got, as submitSeq and queueSeq.
      return docs.map((doc) => {
        const seq = Number(result.seqs[doc.id]);
        return { ...doc, submitSeq: seq, queueSeq: seq };
      });
    },

    /**
     * Each task's new events, if its row is still at `before.version`: per
     * item the new state, or null when its row moved on. One task at most
     * once per call: two items of one task would write one row and both
     * sets of events.
     *
     * With `stamp`, the items' `now` is not used: the statement's own now is
     * the events' time and the new updatedAt. Only for events whose fold
     * takes nothing else from the time (TaskSucceeded): the row written is
     * then the fold of the events as stored.
     */
    async update(q: SqlConnection | pg.Pool, items: readonly { before: TaskView; events: readonly TaskEvent[]; now: number }[], options: { stamp?: { pinnedNow: number | null } } = {}): Promise<(TaskView | null)[]> {
      if (items.length === 0) return [];
      const stamp = options.stamp !== undefined;
      const afters = items.map((item) => fold(item.before, item.before.id, item.events, item.now));
      const payload = signals(items.map((item, i) => ({ before: item.before, after: afters[i] as TaskView })));
      const docs = JSON.stringify(items.map((item, i) => ({ task: taskRow(afters[i] as TaskView), before: item.before.version })));
      const rows = eventRowsParam(items.flatMap((item) => eventRows(item.before.id, item.before, item.events, item.now)));
      const values: unknown[] = payload === null ? [docs, rows] : [docs, rows, names.channel, payload];
      if (stamp) values.push(options.stamp?.pinnedNow ?? null);
      const key = `update_${stamp ? 'stamped_' : ''}${payload !== null}`;
      const answer = (await run(q, key, text.update(payload !== null, stamp), values)).rows[0] as { ids: string[]; logged: number; now?: number };
      const written = new Set(answer.ids);
      const expected = items.reduce((sum, item) => sum + (written.has(item.before.id) ? item.events.length : 0), 0);
      if (answer.logged !== expected) throw new Error(`store invariant broken: ${answer.logged} of ${expected} events stored`);
      return items.map((item, i) => {
        if (!written.has(item.before.id)) return null;
        const after = afters[i] as TaskView;
        return stamp ? { ...after, updatedAt: Number(answer.now) } : after;
      });
    },
  };
}

type PgFastWrites = ReturnType<typeof createPgFastWrites>;

export { createPgFastWrites, preparedQuery };
export type { PgFastWrites, HotClient };
