import type Database from 'better-sqlite3';
import { type AgentInfo, type AgentState, type AgentView, type NewAgent } from '@baton/core';
/**
 * The agent registry on SQLite: the same decide, append, fold and write as
 * tasks, on `agent:<id>` streams, plus the liveness lease. Every function runs
 * inside the caller's transaction.
 */
declare function createSqliteAgents(db: Database.Database): {
    register(agent: NewAgent, now: number, leaseMs: number): AgentView;
    /** A heartbeat renews liveness; an agent declared lost that beats again is registered again. */
    touch(agentId: string, now: number, leaseMs: number): void;
    stop(agentId: string, reason: string, now: number): AgentView | null;
    expire(limit: number, now: number): AgentView[];
    list(states: readonly AgentState[] | undefined): AgentInfo[];
    get(agentId: string): AgentInfo | null;
};
export { createSqliteAgents };
//# sourceMappingURL=sqlite-agents.d.ts.map