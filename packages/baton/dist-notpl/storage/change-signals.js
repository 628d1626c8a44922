import { isTerminal } from '@baton/core';
/** What the rest of the cluster should hear about a set of committed task changes. */
function signalsOf(changes) {
    const ready = new Set();
    const ended = [];
    const cancel = [];
    let due = null;
    for (const { before, after } of changes) {
        if (after.state === 'queued' && before?.state !== 'queued')
            ready.add(after.type);
        if (after.state === 'scheduled' && (due === null || after.runAt < due))
            due = after.runAt;
        if (isTerminal(after.state) && !(before && isTerminal(before.state))) {
            ended.push(after.id);
            // The next task of its serial key (or limit key) was queued all along; this end is what lets it be claimed.
            if (after.serialKey || after.limitKey)
                ready.add(after.type);
        }
        if (after.state === 'running' && after.cancelRequested && !before?.cancelRequested)
            cancel.push({ taskId: after.id, agentId: after.agentId });
    }
    const signals = [];
    if (ready.size > 0)
        signals.push({ kind: 'ready', types: [...ready] });
    if (due !== null)
        signals.push({ kind: 'due', at: due });
    if (ended.length > 0)
        signals.push({ kind: 'ended', taskIds: ended });
    if (cancel.length > 0)
        signals.push({ kind: 'cancel', tasks: cancel });
    return signals;
}
export { signalsOf };
//# sourceMappingURL=change-signals.js.map