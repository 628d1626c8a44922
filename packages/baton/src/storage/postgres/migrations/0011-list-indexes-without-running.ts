import type { PgNames } from '../pg-schema.js';

/*
 * Running tasks leave the three list indexes too, and `tasks_by_agent` goes:
 * a claim adds two index entries (primary key, lease) instead of six
 * (ADR 0032). Lists read running tasks as a branch of their own through the
 * lease index, and an agent's tasks are found there as well. Built in the
 * migration's transaction, so writes wait while they build.
 */
const migration0011 = {
  id: 11,
  name: 'list-indexes-without-running',
  sql: (n: PgNames) => `
DROP INDEX "${n.schema}".tasks_by_submission;
DROP INDEX "${n.schema}".tasks_by_state;
DROP INDEX "${n.schema}".tasks_by_type;
DROP INDEX "${n.schema}".tasks_by_agent;
CREATE INDEX tasks_by_submission ON ${n.table('tasks')} (submit_seq) WHERE state NOT IN ('queued', 'running');
CREATE INDEX tasks_by_state ON ${n.table('tasks')} (state, submit_seq) WHERE state NOT IN ('queued', 'running');
CREATE INDEX tasks_by_type ON ${n.table('tasks')} (type, submit_seq) WHERE state NOT IN ('queued', 'running');
`,
};

export { migration0011 };
