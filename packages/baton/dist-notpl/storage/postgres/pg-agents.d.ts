import { type AgentInfo, type AgentState, type AgentView, type NewAgent, type SqlConnection } from '@baton/core';
import { type PgNames } from './pg-schema.js';
type Queryable = SqlConnection;
/**
 * The agent registry on PostgreSQL: decide, append and fold on `agent:<id>`
 * streams, with the agent row locked for the write, plus the liveness lease on
 * the database clock. Each function runs in the caller's transaction.
 */
declare function createPgAgents(params: {
    names: PgNames;
    pinnedNow: () => number | null;
}): {
    register(q: Queryable, agent: NewAgent, leaseMs: number): Promise<AgentView>;
    /** A heartbeat renews liveness; an agent declared lost that beats again is registered again. */
    touch(q: Queryable, agentId: string, now: number, leaseMs: number): Promise<void>;
    stop(q: Queryable, agentId: string, reason: string): Promise<AgentView | null>;
    expire(q: Queryable, limit: number): Promise<AgentView[]>;
    list(q: Queryable, states: readonly AgentState[] | undefined): Promise<AgentInfo[]>;
    get(q: Queryable, agentId: string): Promise<AgentInfo | null>;
};
export { createPgAgents };
//# sourceMappingURL=pg-agents.d.ts.map