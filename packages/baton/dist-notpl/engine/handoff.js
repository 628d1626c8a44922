/** A task no claim condition could hold back, other than what only the store knows. */
function mayHandOff(task) {
    return (task.startsAfterMs === 0 &&
        task.idempotencyKey === null &&
        !task.job &&
        !task.broadcast &&
        !task.target &&
        (task.serialKey ?? null) === null &&
        (task.limitKey ?? null) === null &&
        (task.parentId ?? null) === null);
}
function createHandoffs() {
    const idle = new Set();
    /**
     * Takes these claimers out of the idle set while a write is in flight (no
     * other write can promise them the same slots); the returned settle hands
     * each what the store claimed for it, or puts it back to wait.
     */
    function hold(entries) {
        let settled = () => undefined;
        const reserved = new Promise((resolve) => {
            settled = resolve;
        });
        for (const entry of entries) {
            idle.delete(entry);
            entry.reserved = reserved;
        }
        return (written) => {
            for (const entry of entries) {
                entry.handed = written.filter((t) => t.state === 'running' && t.agentId === entry.claimer.agentId);
                entry.reserved = null;
                // Nothing handed after all (a paused type, a failed write): it goes on waiting.
                if (entry.handed.length > 0)
                    entry.wake();
                else if (!entry.closed)
                    idle.add(entry);
            }
            settled();
        };
    }
    return {
        wait(claimer) {
            let wake = () => undefined;
            const offered = new Promise((resolve) => {
                wake = resolve;
            });
            const entry = { claimer, reserved: null, handed: [], closed: false, wake };
            idle.add(entry);
            return {
                offered,
                async close() {
                    entry.closed = true;
                    idle.delete(entry);
                    if (entry.reserved)
                        await entry.reserved;
                    return entry.handed;
                },
            };
        },
        reserve(tasks) {
            if (idle.size === 0)
                return null;
            const agents = new Map();
            const taken = new Map();
            for (const task of tasks) {
                if (!mayHandOff(task))
                    continue;
                for (const entry of idle) {
                    const used = taken.get(entry) ?? 0;
                    if (used >= entry.claimer.limit || !entry.claimer.types.has(task.taskType))
                        continue;
                    taken.set(entry, used + 1);
                    agents.set(task.taskId, entry.claimer.agentId);
                    break;
                }
            }
            if (taken.size === 0)
                return null;
            return { agents, settle: hold([...taken.keys()]) };
        },
        reserveOne() {
            const [entry] = idle;
            if (!entry)
                return null;
            return { claimer: entry.claimer, settle: hold([entry]) };
        },
    };
}
/**
 * Promotes due tasks, handing those of one idle claimer's types to it in the
 * promotion's own write (TaskReady, TaskClaimed). Returns what was promoted,
 * handed over or not.
 */
async function promoteHandingOver(params) {
    const offer = params.handoffs.reserveOne();
    let promoted = [];
    try {
        const { claimer } = offer ?? {};
        promoted = await params.promote(claimer ? { agentId: claimer.agentId, types: [...claimer.types], limit: claimer.limit, leaseMs: params.leaseMs } : undefined);
    }
    finally {
        offer?.settle(promoted);
    }
    return promoted;
}
export { createHandoffs, mayHandOff, promoteHandingOver };
//# sourceMappingURL=handoff.js.map