/*
 * Two columns beside an event's data for the fields of a TaskSubmitted that
 * differ from task to task of a batch: its payload and its run time (ADR
 * 0031). The one-statement submit writes the shape's data as it is and these
 * two apart, instead of building each event's data row by row; every read
 * (EVENT_COLUMNS) puts them back. Rows written before hold NULL in both and
 * read as they were. Adding nullable columns rewrites nothing.
 */
const migration0010 = {
    id: 10,
    name: 'submitted-fields-apart',
    sql: (n) => `
ALTER TABLE ${n.table('events')} ADD COLUMN payload jsonb, ADD COLUMN run_at bigint;
`,
};
export { migration0010 };
//# sourceMappingURL=0010-submitted-fields-apart.js.map