import type { TaskView } from '@baton/core';
/** Every column of the tasks table, in the order the insert statements list them. */
declare const TASK_COLUMNS: readonly [...string[], "doc", "target_service", "target_tags", "target_agent", "broadcast"];
type TaskRow = Record<(typeof TASK_COLUMNS)[number], unknown>;
/** The doc as stored: every field that is no column and differs from TEMPLATE. */
declare function storedDoc(view: Partial<TaskView>): Record<string, unknown>;
/**
 * The row a view is stored as. A JSON null payload is SQL NULL in the
 * column (jsonb_populate_record makes it so), which reads back as null.
 */
declare function taskRow(view: TaskView): TaskRow;
/** SQL: the task view of the row aliased `t`, as jsonb. */
declare function taskDocSql(t: string): string;
/** SQL: the doc stored when a claim patches the row aliased `t` (as `evolve` folds TaskClaimed; the rest is in columns). */
declare function claimedDocSql(t: string): string;
export { TASK_COLUMNS, taskRow, storedDoc, taskDocSql, claimedDocSql };
//# sourceMappingURL=pg-task-row.d.ts.map