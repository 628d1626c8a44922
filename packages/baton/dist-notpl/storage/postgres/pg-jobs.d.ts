import { type JobEvent, type JobPage, type JobState, type JobView, type SqlConnection, type TaskEvent, type TaskView } from '@baton/core';
import { type PgNames } from './pg-schema.js';
import type { PgStatements } from './pg-statements.js';
/** Events decided for one task in this transaction, from the state it had when it was read. */
interface Staged {
    before: TaskView | null;
    taskId: string;
    events: TaskEvent[];
}
/**
 * Jobs on PostgreSQL. Every change that can move a job takes the job's
 * advisory lock first (then the task rows), so two tasks of one job ending on
 * two nodes are settled one after the other, each seeing the other's outcome:
 * a diamond's last dependency never goes unnoticed.
 */
declare function createPgJobs(params: {
    names: PgNames;
    sql: PgStatements;
}): {
    lock: (q: SqlConnection, jobId: string) => Promise<JobView | null>;
    lockTasks: (q: SqlConnection, jobId: string) => Promise<Map<string, TaskView>>;
    append: (q: SqlConnection, state: JobView | null, jobId: string, events: readonly JobEvent[], now: number) => Promise<JobView | null>;
    cascade: (params: {
        job: JobView;
        tasks: Map<string, TaskView>;
        staged: Map<string, Staged>;
        now: number;
    }) => JobEvent[];
    /** After the tables were rewritten (a rebuild), nothing read before is trusted. */
    forgetParsed: () => void;
    get(q: SqlConnection, jobId: string): Promise<JobView | null>;
    tasksOf(q: SqlConnection, jobId: string): Promise<TaskView[]>;
    list(q: SqlConnection, states: readonly JobState[] | undefined, limit: number, cursor: string | null): Promise<JobPage>;
};
export { createPgJobs };
export type { Staged };
//# sourceMappingURL=pg-jobs.d.ts.map