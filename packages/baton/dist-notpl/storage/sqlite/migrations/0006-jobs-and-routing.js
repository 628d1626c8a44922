/*
 * Jobs and routing. `jobs` is the projection of the `job:<id>` streams. Tasks
 * get the columns the claim filters on: the job, the serial key and queue
 * order, the target (service, tags as a JSON array, pinned agent) and whether
 * the task is a broadcast step (never claimed itself: it fans out), and its
 * limit key. `flow_limits` is the projection of the `limits:<scope>` streams;
 * `task_starts` is operational, like agent_leases: the recent starts of
 * rate-limited scopes, pruned as their windows pass.
 */
const migration0006 = {
    id: 6,
    name: 'jobs-and-routing',
    sql: `
CREATE TABLE jobs (
  id         TEXT    PRIMARY KEY,
  state      TEXT    NOT NULL,
  submit_seq INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  doc        TEXT    NOT NULL
);
CREATE INDEX jobs_by_submission ON jobs (submit_seq);
ALTER TABLE tasks ADD COLUMN job_id TEXT;
ALTER TABLE tasks ADD COLUMN serial_key TEXT;
ALTER TABLE tasks ADD COLUMN queue_seq INTEGER;
ALTER TABLE tasks ADD COLUMN target_service TEXT;
ALTER TABLE tasks ADD COLUMN target_tags TEXT;
ALTER TABLE tasks ADD COLUMN target_agent TEXT;
ALTER TABLE tasks ADD COLUMN broadcast INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN limit_key TEXT;
CREATE TABLE flow_limits (
  scope            TEXT    PRIMARY KEY,
  active           INTEGER NOT NULL,
  version          INTEGER NOT NULL,
  doc              TEXT    NOT NULL
);
CREATE TABLE task_starts (
  scope      TEXT    NOT NULL,
  started_at INTEGER NOT NULL
);
CREATE INDEX task_starts_window ON task_starts (scope, started_at);
CREATE TABLE schedules (
  name    TEXT    PRIMARY KEY,
  active  INTEGER NOT NULL,
  version INTEGER NOT NULL,
  doc     TEXT    NOT NULL
);
CREATE INDEX tasks_running_limited ON tasks (limit_key) WHERE state = 'running' AND limit_key IS NOT NULL;
UPDATE tasks SET queue_seq = submit_seq;
DROP INDEX tasks_claim;
CREATE INDEX tasks_claim ON tasks (type, priority DESC, run_at, queue_seq) WHERE state = 'queued';
CREATE INDEX tasks_by_job ON tasks (job_id) WHERE job_id IS NOT NULL;
CREATE INDEX tasks_serial ON tasks (serial_key, queue_seq) WHERE serial_key IS NOT NULL AND state IN ('blocked', 'scheduled', 'queued', 'running');
CREATE INDEX tasks_pinned ON tasks (target_agent) WHERE target_agent IS NOT NULL AND state IN ('blocked', 'scheduled', 'queued', 'running');
CREATE INDEX tasks_broadcast_queued ON tasks (queue_seq) WHERE broadcast = 1 AND state = 'queued';
`,
};
export { migration0006 };
//# sourceMappingURL=0006-jobs-and-routing.js.map