import type { PgNames } from '../pg-schema.js';

/*
 * A task's run time to a fraction of a millisecond (ADR 0036). A delayed
 * task's due time is an upper bound of the call's time plus its delay; kept
 * in whole milliseconds it had to be rounded up, so that the task is never
 * early, and that made every delayed task half a millisecond late on average.
 * Milliseconds since the epoch stay the unit; a double holds them to a
 * quarter of a microsecond for the next few centuries. Every bigint value
 * converts exactly.
 *
 * The type change rewrites both tables and their indexes under an exclusive
 * lock (bench/RESULTS.md, history 54, times it on a large log).
 *
 * `tasks_due` is rebuilt anyway, so it now holds the promotion's whole order
 * (run time, then submission): the promotion reads it without a sort. Without
 * that, its plan on a table with no statistics yet tied with reading
 * `tasks_by_state` and sorting, which reads every scheduled task, and the tie
 * went to whichever index was created first.
 */
const migration0013 = {
  id: 13,
  name: 'run-times-to-the-microsecond',
  sql: (n: PgNames) => `
DROP INDEX "${n.schema}".tasks_due;
ALTER TABLE ${n.table('tasks')} ALTER COLUMN run_at TYPE double precision;
ALTER TABLE ${n.table('events')} ALTER COLUMN run_at TYPE double precision;
CREATE INDEX tasks_due ON ${n.table('tasks')} (run_at, submit_seq) WHERE state = 'scheduled';
`,
};

export { migration0013 };
