import type { TaskFilter, TaskOrder } from '@baton/core';
/** Cursors are opaque to clients: the submission sequence of the last task seen, and the order they came in. */
declare function encodeCursor(submitSeq: number, order?: TaskOrder): string;
declare function decodeCursor(cursor: string, order?: TaskOrder): number;
/**
 * The WHERE clause of a task listing, the same for both drivers: only column
 * names and placeholders are written here, every value is bound. `placeholder`
 * makes `?` (SQLite) or `$n` (PostgreSQL) for the value it is given.
 */
declare function listConditions(params: {
    filter: TaskFilter;
    cursor: string | null;
    order: TaskOrder;
    placeholder: (value: unknown, cast?: string) => string;
    submittedAt: string;
}): string[];
export { encodeCursor, decodeCursor, listConditions };
//# sourceMappingURL=list-cursor.d.ts.map