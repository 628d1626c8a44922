import type Database from 'better-sqlite3';
import { type Decision, type JobCancelOutcome, type JobPage, type JobState, type JobView, type NewJob, type NewTask, type TaskCommand, type TaskView } from '@baton/core';
/**
 * Jobs on SQLite: the `job:<id>` streams and their projection, and the job
 * cascade, run inside the transaction of the task change that set it off.
 */
declare function createSqliteJobs(params: {
    db: Database.Database;
    applyTask: (state: TaskView | null, command: TaskCommand, now: number) => Decision<TaskView>;
}): {
    advance: (jobId: string, now: number) => void;
    submit(job: NewJob, tasks: readonly NewTask[], now: number): {
        job: JobView;
        tasks: TaskView[];
    };
    cancel(jobId: string, reason: string, now: number): JobCancelOutcome;
    get: (jobId: string) => JobView | null;
    tasksOf: (jobId: string) => TaskView[];
    /** After the tables were rewritten (a rebuild), nothing parsed before is trusted. */
    forgetParsed: () => void;
    list(states: readonly JobState[] | undefined, limit: number, cursor: string | null): JobPage;
};
export { createSqliteJobs };
//# sourceMappingURL=sqlite-jobs.d.ts.map