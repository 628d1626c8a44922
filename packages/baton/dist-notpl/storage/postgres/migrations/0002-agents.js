/*
 * The agent registry: `agents` is the projection of the agent streams;
 * `agent_leases` is operational liveness (last heartbeat, expiry by the
 * database clock), kept like a lock rather than as events.
 */
const migration0002 = {
    id: 2,
    name: 'agents',
    sql: (n) => `
CREATE TABLE ${n.table('agents')} (
  id      text    PRIMARY KEY,
  state   text    NOT NULL,
  version integer NOT NULL,
  doc     jsonb   NOT NULL
);
CREATE TABLE ${n.table('agent_leases')} (
  agent_id     text   PRIMARY KEY,
  last_seen_at bigint NOT NULL,
  expires_at   bigint NOT NULL
);
CREATE INDEX agent_leases_expiry ON ${n.table('agent_leases')} (expires_at);
CREATE INDEX tasks_by_agent ON ${n.table('tasks')} (agent_id) WHERE state = 'running';
`,
};
export { migration0002 };
//# sourceMappingURL=0002-agents.js.map