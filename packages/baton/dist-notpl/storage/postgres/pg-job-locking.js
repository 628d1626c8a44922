/*
 * How the PostgreSQL store takes a job's locks. Every change that can move a
 * job takes the job's advisory lock before any of its tasks' rows, and the
 * cascade locks the job's other rows NOWAIT, so no transaction ever waits for
 * a row lock after it has an xid (the feed's order rests on that, ADR 0006).
 */
/** Thrown inside a transaction that would end a job's task without holding the job's lock: it starts again, job lock first. */
class NeedsJobLock extends Error {
    jobId;
    constructor(jobId) {
        super(`the change ends a task of job ${jobId}: take the job's lock first`);
        this.jobId = jobId;
    }
}
/** A job's cascade found one of the job's rows held by another transaction (NOWAIT): it starts again. */
const isRowBusy = (error) => error.code === '55P03';
/** How often a busy cascade is tried again (a few seconds in all) before the error surfaces. */
const BUSY_ATTEMPTS = 200;
const pauseBriefly = () => new Promise((resolve) => setTimeout(resolve, 2 + Math.random() * 18));
export { NeedsJobLock, isRowBusy, BUSY_ATTEMPTS, pauseBriefly };
//# sourceMappingURL=pg-job-locking.js.map