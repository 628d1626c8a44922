/*
 * The three list indexes leave out queued tasks, and one index keeps those in
 * submission order: a task submitted straight to the queue adds one list
 * entry instead of three (ADR 0030). Lists read queued and other tasks as two
 * branches, each through its own index (`list` in pg-statements.ts). Built in the
 * migration's transaction, so writes wait while they build.
 */
const migration0009 = {
    id: 9,
    name: 'list-indexes-without-queued',
    sql: (n) => `
DROP INDEX "${n.schema}".tasks_by_submission;
DROP INDEX "${n.schema}".tasks_by_state;
DROP INDEX "${n.schema}".tasks_by_type;
CREATE INDEX tasks_by_submission ON ${n.table('tasks')} (submit_seq) WHERE state <> 'queued';
CREATE INDEX tasks_by_state ON ${n.table('tasks')} (state, submit_seq) WHERE state <> 'queued';
CREATE INDEX tasks_by_type ON ${n.table('tasks')} (type, submit_seq) WHERE state <> 'queued';
CREATE INDEX tasks_queued_by_submission ON ${n.table('tasks')} (submit_seq) WHERE state = 'queued';
`,
};
export { migration0009 };
//# sourceMappingURL=0009-list-indexes-without-queued.js.map