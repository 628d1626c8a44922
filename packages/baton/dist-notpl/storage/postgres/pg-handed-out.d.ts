import type { TaskView } from '@baton/core';
/**
 * The rows this node last handed to its agents (claims and handoffs), so
 * that a success report can be decided against the row as claimed instead
 * of reading it again: one round trip of the two a report costs. Nothing
 * here is trusted: the write goes through only if the row is still at the
 * remembered version, and otherwise the report reads the row and decides
 * again. A task is forgotten once reported, and when its lease is extended
 * (its row moved on; a long task's report reads the row, as before).
 */
declare function createHandedOut(max?: number): {
    remember(tasks: readonly TaskView[]): void;
    /** The remembered row, forgotten as it is taken. */
    take(taskId: string): TaskView | null;
    forget(taskIds: readonly string[]): void;
};
export { createHandedOut };
//# sourceMappingURL=pg-handed-out.d.ts.map