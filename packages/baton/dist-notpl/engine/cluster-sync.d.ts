import type { ClusterBus } from '@baton/core';
/**
 * Turns signals from other nodes into local wake-ups: ready work wakes idle
 * agents, due times re-arm the due timer, ended tasks answer waiters, cancel
 * requests reach the agent holding the task. After an interruption ("resync")
 * everything that might have been missed is re-read from the store.
 */
declare function connectClusterSignals(params: {
    bus: ClusterBus;
    /** Any signal at all: something was written somewhere. */
    onAny: () => void;
    onReady: () => void;
    onDue: (at: number) => void;
    onEnded: (taskIds: string[]) => void;
    onCancel: (taskIds: string[]) => void;
    onResync: () => void;
}): () => void;
export { connectClusterSignals };
//# sourceMappingURL=cluster-sync.d.ts.map