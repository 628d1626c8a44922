import { type ClusterBus, type Clock, type Leadership, type TaskStore } from '@baton/core';
import type { EngineLogger } from '../engine/engine.js';
import { type DatabaseConfig } from './database-url.js';
interface OpenedStorage {
    store: TaskStore;
    /** Present on a shared database, where other nodes may be writing too. */
    cluster?: {
        bus: ClusterBus;
        leadership: Leadership;
    };
    close(): Promise<void>;
}
/** The only place that picks a storage driver. */
declare function openStorage(params: {
    config: DatabaseConfig;
    clock: Clock;
    logger: EngineLogger;
    /** PostgreSQL connections this node keeps for its own queries (LISTEN and leadership take one more each). */
    poolSize?: number;
    /** How often a follower tries to become leader; also bounds how long a dead leader's work waits. */
    leaderCheckMs?: number;
    /** Only the store: no LISTEN connection and no bid for leadership (a tool that reads, such as replay). */
    storeOnly?: boolean;
}): Promise<OpenedStorage>;
export { openStorage };
export type { OpenedStorage };
//# sourceMappingURL=open-storage.d.ts.map