import type { Leadership } from '@baton/core';
interface PgLeadershipOptions {
    connectionString: string;
    schema: string;
    /** Shown in pg_stat_activity, so an operator sees which connections are Baton's. */
    applicationName?: string;
    /** How often a follower tries to take the lead, and a leader checks it still holds it. */
    checkIntervalMs?: number;
    onError: (error: unknown, during: string) => void;
}
/**
 * Leadership by a session advisory lock on a connection of its own: the node
 * whose session holds the lock leads. PostgreSQL releases the lock when that
 * session ends, whether the node exited, was killed, or lost its connection, so
 * another node takes over within one check interval. A leader checks its
 * session on the same beat and steps down the moment it fails. A leader that
 * stops checking (frozen, partitioned) loses its session to the server's
 * idle_session_timeout, three check intervals (at least 3 s) later.
 */
declare function createPgLeadership(options: PgLeadershipOptions): Leadership;
export { createPgLeadership };
export type { PgLeadershipOptions };
//# sourceMappingURL=pg-leadership.d.ts.map