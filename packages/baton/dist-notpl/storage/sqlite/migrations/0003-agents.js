/*
 * The agent registry: `agents` is the projection of the agent streams;
 * `agent_leases` is operational liveness (last heartbeat, expiry), kept like a
 * lock rather than as events. Tasks get the holder's id as a column, so "what
 * does this agent hold" is an index read.
 */
const migration0003 = {
    id: 3,
    name: 'agents',
    sql: `
CREATE TABLE agents (
  id      TEXT    PRIMARY KEY,
  state   TEXT    NOT NULL,
  version INTEGER NOT NULL,
  doc     TEXT    NOT NULL
);
CREATE TABLE agent_leases (
  agent_id     TEXT    PRIMARY KEY,
  last_seen_at INTEGER NOT NULL,
  expires_at   INTEGER NOT NULL
);
CREATE INDEX agent_leases_expiry ON agent_leases (expires_at);
ALTER TABLE tasks ADD COLUMN agent_id TEXT;
UPDATE tasks SET agent_id = json_extract(doc, '$.agentId');
CREATE INDEX tasks_by_agent ON tasks (agent_id) WHERE state = 'running';
`,
};
export { migration0003 };
//# sourceMappingURL=0003-agents.js.map