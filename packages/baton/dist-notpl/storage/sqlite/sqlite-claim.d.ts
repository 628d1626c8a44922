import type Database from 'better-sqlite3';
/**
 * The claim's candidate query on SQLite: queued tasks of the agent's types,
 * not paused, not broadcast steps, whose target the agent matches (service,
 * every tag, pinned agent), and, for a serial key, only the key's head: the
 * first in queue order of the key's tasks that have not ended. While the head
 * runs no other task of the key is a head, so at most one runs per key.
 * Types and limit keys whose limits allow nothing more now are left out.
 */
declare function createSqliteClaimQuery(db: Database.Database): {
    /** The docs of the tasks this agent may claim now, best first. Call inside the claim's transaction. */
    candidates(params: {
        agentId: string;
        types: readonly string[];
        limit: number;
        fullTypes?: readonly string[];
        fullKeys?: readonly string[];
    }): {
        doc: string;
    }[];
};
export { createSqliteClaimQuery };
//# sourceMappingURL=sqlite-claim.d.ts.map