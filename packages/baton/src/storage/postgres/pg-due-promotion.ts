import type pg from 'pg';
import { decide, type SqlConnection, type TaskCommand, type TaskEvent, type TaskView } from '@baton/core';
import { preparedQuery, type PgFastWrites } from './pg-fast-writes.js';
import type { PgNames } from './pg-schema.js';
import type { PgStatements } from './pg-statements.js';

/** Rows per statement: 100 changed ids keep the NOTIFY payload well under PostgreSQL's 8000 bytes, as for report groups. */
const MAX_BATCH = 100;
const DEADLOCK = '40P01';

type ApplyToAll = (q: SqlConnection, rows: { now: number; doc: TaskView }[], command: (task: TaskView, now: number) => TaskCommand) => Promise<TaskView[]>;

/**
 * Makes due tasks ready in two round trips and no transaction: an unlocked
 * read of what is due, then one statement that writes each row's TaskReady
 * only if the row is still at the version read (ADR 0020). A row that moved
 * on meanwhile (another node promoted it, or it was cancelled) is simply not
 * written; the due timer reads again if anything is still due. The locked
 * transaction this replaces took five round trips, and the time between a
 * task's due time and its start is what delayed work is judged on.
 */
function createPgDuePromotion(params: {
  pool: pg.Pool;
  names: PgNames;
  sql: PgStatements;
  fast: PgFastWrites;
  pinnedNow: () => number | null;
  /**
   * Runs `fn` in a transaction with the store's way of applying one command to
   * locked rows: the locked path, for when two nodes' batches deadlock on each
   * other's rows.
   */
  lockedPath: (fn: (q: SqlConnection, applyToAll: ApplyToAll) => Promise<TaskView[]>) => Promise<TaskView[]>;
}) {
  const { pool, names, sql, fast, pinnedNow } = params;
  return async function promoteDue({ limit }: { limit: number }): Promise<TaskView[]> {
    const batch = Math.min(limit, MAX_BATCH);
    const { rows } = await pool.query(preparedQuery(names, 'due', sql.due, [pinnedNow(), batch]));
    const items: { before: TaskView; events: readonly TaskEvent[]; now: number }[] = [];
    for (const { now, doc } of rows as { now: number; doc: TaskView }[]) {
      const decision = decide(doc, { kind: 'Promote', taskId: doc.id, now });
      if (!decision.ok) throw new Error(`store invariant broken: ${decision.error.message}`);
      if (decision.value.length > 0) items.push({ before: doc, events: decision.value, now });
    }
    try {
      const written = await fast.update(pool, items);
      return written.filter((task): task is TaskView => task !== null);
    } catch (error) {
      if ((error as { code?: string }).code !== DEADLOCK) throw error;
      return params.lockedPath(async (q, applyToAll) => {
        const { rows: locked } = await q.query(sql.dueForUpdate, [pinnedNow(), batch]);
        return applyToAll(q, locked as { now: number; doc: TaskView }[], (task, now) => ({ kind: 'Promote', taskId: task.id, now }));
      });
    }
  };
}

type PgDuePromotion = ReturnType<typeof createPgDuePromotion>;

export { createPgDuePromotion };
export type { PgDuePromotion };
