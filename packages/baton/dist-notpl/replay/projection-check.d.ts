import { type ProjectionDifference, type ProjectionKind, type TaskStore } from '@baton/core';
interface ProjectionCheck {
    events: number;
    /** Rows per projection, as folded from the log. */
    counts: Record<ProjectionKind, number>;
    differences: ProjectionDifference[];
}
/**
 * Folds the whole log into every projection and compares the result with the
 * tables: the invariant, checked on a real database. Read on a quiet database
 * (or read twice): a write that commits while the log is read can show up as
 * a difference that is gone on the next run.
 */
declare function checkProjections(params: {
    store: TaskStore;
}): Promise<ProjectionCheck>;
export { checkProjections };
export type { ProjectionCheck };
//# sourceMappingURL=projection-check.d.ts.map