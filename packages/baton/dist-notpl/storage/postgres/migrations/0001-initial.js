/*
 * Released migrations are never edited: a change to the schema is a new file.
 * Times are epoch milliseconds (bigint). `xid` records the writing transaction,
 * so the event feed can read up to a high-water mark that no in-flight
 * transaction can fall below (see docs/adr/0006-event-feed-high-water-mark.md).
 */
const migration0001 = {
    id: 1,
    name: 'initial',
    sql: (n) => `
CREATE TABLE ${n.table('events')} (
  seq        bigserial PRIMARY KEY,
  stream_id  text    NOT NULL,
  version    integer NOT NULL,
  type       text    NOT NULL,
  data       jsonb   NOT NULL,
  time       bigint  NOT NULL,
  xid        xid8    NOT NULL DEFAULT pg_current_xact_id(),
  UNIQUE (stream_id, version)
);
CREATE INDEX events_feed ON ${n.table('events')} (xid, seq);

CREATE TABLE ${n.table('tasks')} (
  id               text    PRIMARY KEY,
  type             text    NOT NULL,
  state            text    NOT NULL,
  priority         integer NOT NULL,
  run_at           bigint  NOT NULL,
  submit_seq       bigint  NOT NULL,
  idempotency_key  text,
  agent_id         text,
  lease_expires_at bigint,
  version          integer NOT NULL,
  doc              jsonb   NOT NULL
);
CREATE UNIQUE INDEX tasks_idempotency_key ON ${n.table('tasks')} (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX tasks_claim ON ${n.table('tasks')} (type, priority DESC, run_at, submit_seq) WHERE state = 'queued';
CREATE INDEX tasks_due ON ${n.table('tasks')} (run_at) WHERE state = 'scheduled';
CREATE INDEX tasks_lease ON ${n.table('tasks')} (lease_expires_at) WHERE state = 'running';
CREATE INDEX tasks_by_submission ON ${n.table('tasks')} (submit_seq);
CREATE INDEX tasks_by_state ON ${n.table('tasks')} (state, submit_seq);
CREATE INDEX tasks_by_type ON ${n.table('tasks')} (type, submit_seq);
`,
};
export { migration0001 };
//# sourceMappingURL=0001-initial.js.map