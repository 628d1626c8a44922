/**
 * Tasks remembered at most: past this the oldest are forgotten (a forgotten
 * task's report reads its row first, as before). Reported tasks leave at
 * once, so this holds about what this node's agents run; the bound is for
 * tasks whose report never comes here (another node, a lost agent).
 */
const MAX_REMEMBERED = 10_000;
/**
 * The rows this node last handed to its agents (claims and handoffs), so
 * that a success report can be decided against the row as claimed instead
 * of reading it again: one round trip of the two a report costs. Nothing
 * here is trusted: the write goes through only if the row is still at the
 * remembered version, and otherwise the report reads the row and decides
 * again. A task is forgotten once reported, and when its lease is extended
 * (its row moved on; a long task's report reads the row, as before).
 */
function createHandedOut(max = MAX_REMEMBERED) {
    const rows = new Map();
    return {
        remember(tasks) {
            for (const task of tasks) {
                if (task.state !== 'running')
                    continue;
                rows.delete(task.id);
                rows.set(task.id, task);
            }
            // Map iteration is insertion order: the first keys are the oldest.
            for (const id of rows.keys()) {
                if (rows.size <= max)
                    break;
                rows.delete(id);
            }
        },
        /** The remembered row, forgotten as it is taken. */
        take(taskId) {
            const task = rows.get(taskId) ?? null;
            rows.delete(taskId);
            return task;
        },
        forget(taskIds) {
            for (const id of taskIds)
                rows.delete(id);
        },
    };
}
export { createHandedOut };
//# sourceMappingURL=pg-handed-out.js.map