/*
 * The task row keeps the payload and the two times every write changes as
 * columns, and its doc only what is neither a column nor a default (ADR 0027,
 * pg-task-row.ts). Rows stored before keep their full doc and NULL in these
 * columns, which reads the same: nothing is rewritten, so the migration is
 * instant on any size of table.
 */
const migration0008 = {
    id: 8,
    name: 'narrow-task-row',
    sql: (n) => `
ALTER TABLE ${n.table('tasks')} ADD COLUMN payload jsonb, ADD COLUMN submitted_at bigint, ADD COLUMN updated_at bigint;
`,
};
export { migration0008 };
//# sourceMappingURL=0008-narrow-task-row.js.map