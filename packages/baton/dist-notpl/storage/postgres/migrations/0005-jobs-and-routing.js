/*
 * Jobs and routing. `jobs` is the projection of the `job:<id>` streams. Tasks
 * get the columns the claim filters on: the job, the serial key and queue
 * order, the target (service, tags, pinned agent) and whether the task is a
 * broadcast step (never claimed itself: it fans out), and its limit key.
 * `flow_limits` is the projection of the `limits:<scope>` streams;
 * `task_starts` is operational, like agent_leases: the recent starts of
 * rate-limited scopes, pruned as their windows pass.
 */
const migration0005 = {
    id: 5,
    name: 'jobs-and-routing',
    sql: (n) => `
CREATE TABLE ${n.table('jobs')} (
  id         text    PRIMARY KEY,
  state      text    NOT NULL,
  submit_seq bigint  NOT NULL,
  version    integer NOT NULL,
  doc        jsonb   NOT NULL
);
CREATE INDEX jobs_by_submission ON ${n.table('jobs')} (submit_seq);
ALTER TABLE ${n.table('tasks')}
  ADD COLUMN job_id text,
  ADD COLUMN serial_key text,
  ADD COLUMN queue_seq bigint,
  ADD COLUMN target_service text,
  ADD COLUMN target_tags jsonb,
  ADD COLUMN target_agent text,
  ADD COLUMN broadcast boolean NOT NULL DEFAULT false,
  ADD COLUMN limit_key text;
CREATE TABLE ${n.table('flow_limits')} (
  scope   text    PRIMARY KEY,
  active  boolean NOT NULL,
  version integer NOT NULL,
  doc     jsonb   NOT NULL
);
CREATE TABLE ${n.table('task_starts')} (
  scope      text   NOT NULL,
  started_at bigint NOT NULL
);
CREATE INDEX task_starts_window ON ${n.table('task_starts')} (scope, started_at);
CREATE TABLE ${n.table('schedules')} (
  name    text    PRIMARY KEY,
  active  boolean NOT NULL,
  version integer NOT NULL,
  doc     jsonb   NOT NULL
);
CREATE INDEX tasks_running_limited ON ${n.table('tasks')} (limit_key) WHERE state = 'running' AND limit_key IS NOT NULL;
UPDATE ${n.table('tasks')} SET queue_seq = submit_seq;
DROP INDEX "${n.schema}".tasks_claim;
CREATE INDEX tasks_claim ON ${n.table('tasks')} (type, priority DESC, run_at, queue_seq) WHERE state = 'queued';
CREATE INDEX tasks_by_job ON ${n.table('tasks')} (job_id) WHERE job_id IS NOT NULL;
CREATE INDEX tasks_serial ON ${n.table('tasks')} (serial_key, queue_seq) WHERE serial_key IS NOT NULL AND state IN ('blocked', 'scheduled', 'queued', 'running');
CREATE INDEX tasks_pinned ON ${n.table('tasks')} (target_agent) WHERE target_agent IS NOT NULL AND state IN ('blocked', 'scheduled', 'queued', 'running');
CREATE INDEX tasks_broadcast_queued ON ${n.table('tasks')} (queue_seq) WHERE broadcast AND state = 'queued';
`,
};
export { migration0005 };
//# sourceMappingURL=0005-jobs-and-routing.js.map