import type { SqlConnection, TaskStore, TaskView } from '@baton/core';
import { encodeCursor, listConditions } from '../list-cursor.js';
import { decodeFeedCursor, encodeFeedCursor } from './pg-feed-cursor.js';
import { toStoredEvent, type EventRow } from './pg-event-log.js';
import type { PgStatements } from './pg-statements.js';

/** The store's plain reads: no lock, no write, retried when a rebuild's swap ends them (`retryingReads`). */
function createPgReads(params: { reads: SqlConnection; sql: PgStatements }): Pick<TaskStore, 'nextDueAt' | 'get' | 'list' | 'readStream' | 'readAll' | 'readFeed' | 'feedTail' | 'stats'> {
  const { reads, sql } = params;
  return {
    nextDueAt: async () => ((await reads.query(sql.nextDue)).rows[0] as { at: number | null }).at,

    get: async ({ taskId }) => ((await reads.query(sql.get, [taskId])).rows[0] as { doc: TaskView } | undefined)?.doc ?? null,

    async list({ filter, limit, cursor, order = 'newest' }) {
      const values: unknown[] = [limit + 1];
      const where = listConditions({
        filter,
        cursor,
        order,
        submittedAt: "COALESCE(submitted_at, (doc->>'submittedAt')::bigint)",
        placeholder: (value, cast) => {
          values.push(value);
          return `$${values.length}${cast ? `::${cast}` : '::text'}`;
        },
      });
      // Which of the three branches the filter can match: an agent's tasks are the running ones.
      const states = filter.agentId !== undefined ? ['running'] : filter.states?.length ? filter.states : null;
      const branches = {
        queued: states === null || states.includes('queued'),
        running: states === null || states.includes('running'),
        others: states === null || states.some((s) => s !== 'queued' && s !== 'running'),
      };
      const { rows } = await reads.query(sql.list({ conditions: where, order, branches }), values);
      const items = (rows as { doc: TaskView }[]).slice(0, limit).map((r) => r.doc);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.submitSeq, order) : null };
    },

    async stats() {
      const row = (await reads.query(sql.stats)).rows[0] as { tasks: Awaited<ReturnType<TaskStore['stats']>>['tasks']; head: number };
      return { tasks: row.tasks, eventHead: row.head };
    },

    readStream: async ({ streamId }) => ((await reads.query(sql.streams, [[streamId]])).rows as EventRow[]).map(toStoredEvent),
    readAll: async ({ afterSeq, limit }) => ((await reads.query(sql.all, [afterSeq, limit])).rows as EventRow[]).map(toStoredEvent),

    async readFeed({ cursor, limit }) {
      const at = cursor === null ? { xid: '0', seq: 0 } : decodeFeedCursor(cursor);
      const { rows } = await reads.query(sql.feed, [at.xid, at.seq, limit]);
      const events = (rows as (EventRow & { xid: string })[]).map((row) => ({ ...toStoredEvent(row), cursor: encodeFeedCursor({ xid: row.xid, seq: row.seq }) }));
      const last = events[events.length - 1];
      return { events, cursor: last ? last.cursor : (cursor ?? encodeFeedCursor(at)) };
    },

    // The largest sequence a cursor may hold: every event of a transaction at or below xid is behind it.
    feedTail: async () => encodeFeedCursor({ xid: ((await reads.query(sql.feedTail)).rows[0] as { xid: string }).xid, seq: 999_999_999_999_999 }),
  };
}

export { createPgReads };
