/**
 * Tasks carry their submitter's trace context (TaskSubmitted version 3). A
 * task submitted before had none: its row gets `trace: null`, which is what
 * the fold of its upcast events gives, so the row stays the fold of the log.
 */
const migration0007 = {
    id: 7,
    name: 'task-trace',
    sql: (n) => `
UPDATE ${n.table('tasks')} SET doc = doc || '{"trace": null}'::jsonb WHERE NOT doc ? 'trace';
`,
};
export { migration0007 };
//# sourceMappingURL=0007-task-trace.js.map