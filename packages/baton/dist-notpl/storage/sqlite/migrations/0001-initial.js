/*
 * Released migrations are never edited: a change to the schema is a new file.
 * Times are epoch milliseconds; JSON columns hold text.
 */
const migration0001 = {
    id: 1,
    name: 'initial',
    sql: `
CREATE TABLE events (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  stream_id  TEXT    NOT NULL,
  version    INTEGER NOT NULL,
  type       TEXT    NOT NULL,
  data       TEXT    NOT NULL,
  time       INTEGER NOT NULL,
  UNIQUE (stream_id, version)
);

CREATE TABLE tasks (
  id              TEXT    PRIMARY KEY,
  type            TEXT    NOT NULL,
  state           TEXT    NOT NULL,
  priority        INTEGER NOT NULL,
  run_at          INTEGER NOT NULL,
  submit_seq      INTEGER NOT NULL,
  idempotency_key TEXT,
  version         INTEGER NOT NULL,
  doc             TEXT    NOT NULL
);
CREATE UNIQUE INDEX tasks_idempotency_key ON tasks (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX tasks_claim ON tasks (type, priority DESC, run_at, submit_seq) WHERE state = 'queued';
CREATE INDEX tasks_due ON tasks (run_at) WHERE state = 'scheduled';
CREATE INDEX tasks_by_submission ON tasks (submit_seq);
CREATE INDEX tasks_by_state ON tasks (state, submit_seq);
CREATE INDEX tasks_by_type ON tasks (type, submit_seq);
`,
};
export { migration0001 };
//# sourceMappingURL=0001-initial.js.map