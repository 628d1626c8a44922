/**
 * Tasks carry their submitter's trace context (TaskSubmitted version 3). A
 * task submitted before had none: its row gets `trace: null`, which is what
 * the fold of its upcast events gives, so the row stays the fold of the log.
 */
const migration0008 = {
    id: 8,
    name: 'task-trace',
    sql: `UPDATE tasks SET doc = json_set(doc, '$.trace', json('null')) WHERE json_type(doc, '$.trace') IS NULL;`,
};
export { migration0008 };
//# sourceMappingURL=0008-task-trace.js.map