import { type PgNames } from './pg-schema.js';
/**
 * The SQL text of the PostgreSQL store, built once per schema. Only the
 * validated schema name is put into the text; every value is a bound parameter.
 */
declare function pgStatements(n: PgNames): {
    /** $1 task id, $2 pinned now. Locks the row, so writes to one task are serialized. */
    loadForUpdate: string;
    /** $1 task ids, $2 pinned now; docs by id. No lock: for a decision the write checks against the row's version. */
    loadMany: string;
    /** $1 pinned now, $2 idempotency keys. */
    loadForSubmit: string;
    /** $1 ids, $2 pinned now. Rows another transaction holds are skipped, never waited for. */
    loadLeases: string;
    /** $1 pinned now, $2 limit. */
    expiredForUpdate: string;
    /** $1 pinned now, $2 limit. A job's tasks are expired one by one, each under its job's lock. */
    expiredInJobs: string;
    /**
     * $1 namespace, $2 job id. Every change that can move a job takes this lock
     * first. It is an advisory lock, not a row lock, so taking it gives the
     * transaction no xid: the feed's order rests on a transaction taking its
     * xid no earlier than the row locks it waits for (ADR 0006).
     */
    lockJob: string;
    /** $1 job id. After lockJob, in a statement of its own, so it sees every commit made before the lock was ours. */
    getJobLocked: string;
    /**
     * $1 job id. NOWAIT: the transaction holds an xid by now (its own task's
     * row), and must not then wait for another row lock (ADR 0006). A row
     * another transaction holds aborts it, and it is tried again.
     */
    /** Locks the job's tasks; their versions only, for the cascade reads only the docs that moved (pg-jobs.ts). */
    jobTaskVersionsForUpdate: string;
    jobTasks: string;
    getJob: string;
    /** $1 JSON array of job docs. */
    upsertJobs: string;
    /** $1 limit. Steps waiting to fan out; each is then handled under its job's lock. */
    queuedSteps: string;
    /** $1 pinned now. Agents live by the database clock. */
    liveAgents: string;
    /** $1 agent id. */
    pinned: string;
    /** $1 JSON array of {stream_id, version, type, data, time}. */
    insertEvents: string;
    /** $1 JSON array of task rows (`taskRow`); $2 channel and $3 payload when `notify`. */
    upsertTasks: (notify: boolean) => string;
    /**
     * The fast claim: up to $2 claimable tasks that count against no limit
     * (those go through the limited claim, serialized under a lock).
     */
    claim: string;
    /**
     * The limited claim's candidates: claimable tasks that count against a
     * limit, minus types ($6) and keys ($7) whose limits allow nothing more.
     * $1 types, $2 limit, $3 agent, $6 full types, $7 full keys.
     */
    limitedCandidates: string;
    /** Claims exactly these ids ($1), already locked by this transaction. $3 agent, $4 pinned now, $5 lease ms. */
    claimIds: string;
    get: string;
    /** $1 pinned now. */
    now: string;
    getMany: string;
    nextDue: string;
    stream: string;
    all: string;
    /**
     * The feed reads only rows of transactions older than every one still in
     * flight (xid below the snapshot's xmin), in (xid, seq) order. A transaction
     * that commits later has an xid at or above that mark, so it sorts after
     * everything already read: nothing is ever skipped. $1 xid, $2 seq, $3 limit.
     */
    feed: string;
    /** Every transaction below the snapshot's xmin has ended, so the feed has read (or may skip) all of its events. */
    feedTail: string;
    /**
     * A page of tasks in submission order, $1 its size. Queued tasks and the
     * others are in different indexes (migration 0009, ADR 0030), so each is a
     * branch read through its own, and the page is the merge of the two.
     * `queued` and `others` say which branches the filter can match (neither: both are read).
     */
    list: (p: {
        conditions: readonly string[];
        order: "newest" | "oldest";
        queued: boolean;
        others: boolean;
    }) => string;
    ping: string;
    /** Counts for monitoring; the head is read through the primary key's end. */
    stats: string;
};
type PgStatements = ReturnType<typeof pgStatements>;
export { pgStatements };
export type { PgStatements };
//# sourceMappingURL=pg-statements.d.ts.map