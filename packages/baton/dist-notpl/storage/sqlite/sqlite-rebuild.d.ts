import type Database from 'better-sqlite3';
import { type TaskView } from '@baton/core';
/**
 * Rewrites every projection table from the fold of the log. Call inside an
 * IMMEDIATE transaction: it holds the write lock, so nothing is appended
 * between the read of the log and the swap.
 */
declare function rebuildSqliteProjections(params: {
    db: Database.Database;
    writeTask: (task: TaskView) => void;
}): {
    events: number;
};
export { rebuildSqliteProjections };
//# sourceMappingURL=sqlite-rebuild.d.ts.map