import { type Clock, type DefinitionRegistry, type Ids, type JobState, type JobView, type TaskStore, type TaskView, type TraceContext } from '@baton/core';
import type { AgentCoverage } from './agent-coverage.js';
import { type SubmitJobInput } from './job-submission.js';
interface JobWithTasks {
    job: JobView;
    /** Every task of the job: the graph's and its broadcast steps' copies. */
    tasks: TaskView[];
}
/** A job as submitted, with what the submitter should know (tasks no live agent can run yet). */
interface SubmittedJob extends JobWithTasks {
    warnings: string[];
}
/**
 * Jobs: submit a graph in one transaction, read it with each task's state,
 * cancel it, await its end. The store runs the cascade as tasks end; this
 * side wakes agents and waiters and fans broadcast steps out.
 */
declare function createJobService(params: {
    coverage: AgentCoverage;
    store: TaskStore;
    clock: Clock;
    ids: Ids;
    registry: DefinitionRegistry;
    pollMs: number;
    /** Wakes claimers and re-arms the due timer: a cascade may have queued or scheduled tasks. */
    wake: () => Promise<void>;
    /** Tells local agents of running tasks whose cancel was requested. */
    announceCancels: (tasks: readonly TaskView[]) => void;
    ensureOpen: () => void;
}): {
    moved: (jobId: string, cause?: TaskView) => Promise<void>;
    fanOut: () => Promise<number>;
    /** Ended jobs signalled by another node. */
    settledElsewhere: (endedIds: readonly string[]) => Promise<void>;
    resync: () => Promise<void>;
    /** Checks the job at the edge (prepareJob parses `input`, typed for library callers, untrusted over HTTP) and submits it. */
    submit(input: SubmitJobInput | unknown, options?: {
        workflow?: string;
        trace?: TraceContext | null;
    }): Promise<SubmittedJob>;
    get: (jobId: string) => Promise<JobWithTasks>;
    list(query: {
        states?: readonly JobState[];
        limit?: number;
        cursor?: string | null;
    }): Promise<import("@baton/core").JobPage>;
    /** Cancels every task that has not ended (running ones are asked to stop); the job ends cancelled once they have. */
    cancel(jobIdParams: {
        jobId: string;
        reason?: string;
    }): Promise<JobWithTasks>;
    /** Waits until the job ends or the time is up; `done` says which. */
    await(awaitParams: {
        jobId: string;
        timeoutMs: number;
    }): Promise<{
        done: boolean;
    } & JobWithTasks>;
    closeAll: () => void;
};
type JobService = ReturnType<typeof createJobService>;
export { createJobService };
export type { JobService, JobWithTasks, SubmittedJob };
//# sourceMappingURL=job-service.d.ts.map