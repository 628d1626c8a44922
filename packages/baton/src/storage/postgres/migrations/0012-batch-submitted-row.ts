import type { PgNames } from '../pg-schema.js';

/*
 * One events row may hold a whole batch's TaskSubmitted events (ADR 0034).
 * `batch_payloads` is the JSON array of its tasks' payloads, one place per
 * task; the ids are `batch_ids`, the array of them in the same order, or,
 * when they are a block (ADR 0035), only the first, in `batch_first_id`.
 * The row's data and run time are the batch's one shape's. The i-th task's
 * event has the sequence number seq + i - 1, which no other row holds: the
 * submit writes such a row only when it took its tasks' numbers as one
 * unbroken block. An archived task's place holds JSON null in both arrays.
 * Every other row has NULL in all three and reads as before. Adding
 * nullable columns rewrites nothing.
 *
 * A batch of 500 makes arrays of some 8 to 27 KB, always stored out of
 * line: EXTERNAL skips compressing them, which took 0.6 ms of a 7.7 ms
 * statement (pglz; lz4 did as well, but not every server is built with it).
 */
const migration0012 = {
  id: 12,
  name: 'batch-submitted-row',
  sql: (n: PgNames) => `
ALTER TABLE ${n.table('events')} ADD COLUMN batch_payloads jsonb, ADD COLUMN batch_ids jsonb, ADD COLUMN batch_first_id text;
ALTER TABLE ${n.table('events')} ALTER COLUMN batch_ids SET STORAGE EXTERNAL, ALTER COLUMN batch_payloads SET STORAGE EXTERNAL;
`,
};

export { migration0012 };
