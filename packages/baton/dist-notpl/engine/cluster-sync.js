/**
 * Turns signals from other nodes into local wake-ups: ready work wakes idle
 * agents, due times re-arm the due timer, ended tasks answer waiters, cancel
 * requests reach the agent holding the task. After an interruption ("resync")
 * everything that might have been missed is re-read from the store.
 */
function connectClusterSignals(params) {
    return params.bus.subscribe((signal) => {
        params.onAny();
        switch (signal.kind) {
            case 'ready':
                params.onReady();
                break;
            case 'due':
                params.onDue(signal.at);
                break;
            case 'ended':
                params.onEnded(signal.taskIds);
                break;
            case 'cancel':
                params.onCancel(signal.tasks.map((t) => t.taskId));
                break;
            case 'resync':
                params.onResync();
                break;
        }
    });
}
export { connectClusterSignals };
//# sourceMappingURL=cluster-sync.js.map