import type { PgNames } from '../pg-schema.js';

/*
 * One events row may hold a whole batch's TaskSubmitted events (ADR 0034):
 * `batch_ids` is the JSON array of its tasks' ids and `batch_payloads` the
 * array of their payloads, in the same order; the row's data and run time
 * are the batch's one shape's. The i-th task's event has the sequence
 * number seq + i, which no other row holds: the submit writes such a row
 * only when it took its tasks' numbers as one unbroken block. An archived
 * task's place holds JSON null. Every other row has NULL in both and reads
 * as before. Adding nullable columns rewrites nothing.
 *
 * A batch of 500 makes arrays of some 27 KB, always stored out of line:
 * EXTERNAL skips compressing them, which took 0.6 ms of a 7.7 ms statement
 * (pglz; lz4 did as well, but not every server is built with it).
 */
const migration0012 = {
  id: 12,
  name: 'batch-submitted-row',
  sql: (n: PgNames) => `
ALTER TABLE ${n.table('events')} ADD COLUMN batch_ids jsonb, ADD COLUMN batch_payloads jsonb;
ALTER TABLE ${n.table('events')} ALTER COLUMN batch_ids SET STORAGE EXTERNAL, ALTER COLUMN batch_payloads SET STORAGE EXTERNAL;
`,
};

export { migration0012 };
