import type pg from 'pg';
import { type Decision, type JobEvent, type JobView, type SqlConnection, type TaskCommand, type TaskStore, type TaskView } from '@baton/core';
import type { createPgJobs, Staged } from './pg-jobs.js';
import type { PgNames } from './pg-schema.js';
import type { PgStatements } from './pg-statements.js';
type Queryable = SqlConnection;
type Pending = Staged;
/**
 * The job writes of the PostgreSQL store: submit a job, cancel it, fan
 * broadcast steps out, end the copies of a lost agent, and the cascade the
 * task writes run. Every one takes the job's lock before any of its tasks'.
 */
declare function createPgJobWrites(params: {
    pool: pg.Pool;
    names: PgNames;
    sql: PgStatements;
    pinnedNow: () => number | null;
    jobs: ReturnType<typeof createPgJobs>;
    transaction: <T>(fn: (q: Queryable) => Promise<T>) => Promise<T>;
    append: (q: Queryable, pending: readonly Pending[], now: number) => Promise<TaskView[]>;
    report: (taskId: string, makeCommand: (now: number, state: TaskView | null) => TaskCommand) => Promise<Decision<TaskView>>;
    /** A transaction tried again while a job's rows are busy (the cascade locks them NOWAIT). */
    retryWhenBusy: <T>(fn: (q: Queryable) => Promise<T>) => Promise<T>;
}): {
    settleJob: (q: Queryable, job: JobView, changed: Record<string, TaskView>, staged: Map<string, Staged>, now: number) => Promise<JobEvent[]>;
    endJob: (q: Queryable, job: JobView, events: JobEvent[], now: number) => Promise<JobView | null>;
    methods: Pick<TaskStore, "submitJob" | "cancelJob" | "getJob" | "listJobs" | "jobTasks" | "fanOutBroadcasts" | "abandonPinned">;
};
export { createPgJobWrites };
//# sourceMappingURL=pg-job-writes.d.ts.map