import type { ClusterBus } from '@baton/core';
interface PgListenerOptions {
    connectionString: string;
    /** Shown in pg_stat_activity, so an operator sees which connections are Baton's. */
    applicationName?: string;
    /** A channel name from pgNames(): already checked, safe to quote. */
    channel: string;
    /** How often the idle LISTEN connection is checked, so a dead one is noticed and replaced. */
    checkIntervalMs?: number;
    onError: (error: unknown, during: string) => void;
}
/**
 * The cluster's signal channel: one dedicated connection per node LISTENing on
 * the schema's channel. It reconnects with backoff for as long as the node runs;
 * after every reconnect it tells its listeners to resync, because whatever was
 * notified while it was away is gone.
 */
declare function createPgListener(options: PgListenerOptions): ClusterBus;
export { createPgListener };
export type { PgListenerOptions };
//# sourceMappingURL=pg-listener.d.ts.map