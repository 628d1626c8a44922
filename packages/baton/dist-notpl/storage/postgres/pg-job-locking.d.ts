/** Thrown inside a transaction that would end a job's task without holding the job's lock: it starts again, job lock first. */
declare class NeedsJobLock extends Error {
    readonly jobId: string;
    constructor(jobId: string);
}
/** A job's cascade found one of the job's rows held by another transaction (NOWAIT): it starts again. */
declare const isRowBusy: (error: unknown) => boolean;
/** How often a busy cascade is tried again (a few seconds in all) before the error surfaces. */
declare const BUSY_ATTEMPTS = 200;
declare const pauseBriefly: () => Promise<unknown>;
export { NeedsJobLock, isRowBusy, BUSY_ATTEMPTS, pauseBriefly };
//# sourceMappingURL=pg-job-locking.d.ts.map