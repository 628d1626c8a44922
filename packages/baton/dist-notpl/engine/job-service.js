import { SpanKind, context, trace as otelTrace } from '@opentelemetry/api';
import { BatonError } from '@baton/core';
import { contextFromTrace, traceOf } from '@baton/client';
import { prepareJob } from './job-submission.js';
import { acceptanceTimer } from './submission.js';
import { createWaiters } from './waiters.js';
const tracer = otelTrace.getTracer('baton');
const FAN_OUT_BATCH = 100;
/**
 * Jobs: submit a graph in one transaction, read it with each task's state,
 * cancel it, await its end. The store runs the cascade as tasks end; this
 * side wakes agents and waiters and fans broadcast steps out.
 */
function createJobService(params) {
    const { store, ids } = params;
    const waiters = createWaiters({ pollMs: params.pollMs, isDone: (job) => job.state !== 'running' });
    async function get(jobId) {
        const job = await store.getJob({ jobId });
        if (!job)
            throw new BatonError({ code: 'JOB_NOT_FOUND', message: `job ${jobId} does not exist` });
        return { job, tasks: await store.jobTasks({ jobId }) };
    }
    /** Broadcast steps that are queued fan out to the live agents that match them. */
    async function fanOut() {
        const fanned = await store.fanOutBroadcasts({ limit: FAN_OUT_BATCH, newId: () => ids.next() });
        return fanned.length;
    }
    /**
     * After a change that may have moved a job on: wake claimers, fan out,
     * answer waiters, pass on cancels. `cause` is the task change that set it
     * off: a success never makes the cascade cancel anything, so unless the
     * job itself is being cancelled, reading all its tasks for cancels to pass
     * on is skipped (on a job of n tasks, that read on every end cost O(n²)).
     */
    async function moved(jobId, cause) {
        await params.wake();
        if ((await fanOut()) > 0)
            await params.wake();
        const job = await store.getJob({ jobId });
        if (!job)
            return;
        waiters.settled(job);
        if (cause?.state === 'succeeded' && !job.cancelRequested)
            return;
        const tasks = await store.jobTasks({ jobId });
        params.announceCancels(tasks.filter((t) => t.state === 'running' && t.cancelRequested && t.agentId !== null));
    }
    async function submitTraced(input, workflow, trace) {
        const sinceAccepted = acceptanceTimer(params.clock);
        const prepared = prepareJob({ input, registry: params.registry, ids, now: params.clock.now(), workflow });
        // Every task of the job carries the submitter's trace, so its runs join it.
        for (const task of prepared.tasks)
            task.trace = trace;
        const refuse = prepared.whenNoAgent === 'refuse';
        const warnings = (await params.coverage.screen({
            specs: prepared.job.tasks.map((_ref, i) => ({ type: prepared.tasks[i]?.taskType ?? '', target: prepared.tasks[i]?.target ?? null, refuse })),
            pathOf: (i) => `tasks[${i}]`,
        })).flat();
        const submitted = await store.submitJob({ job: prepared.job, tasks: prepared.tasks, sinceAccepted });
        await params.wake();
        if ((await fanOut()) === 0)
            return { ...submitted, warnings };
        await params.wake();
        return { ...(await get(submitted.job.id)), warnings };
    }
    return {
        moved,
        fanOut,
        /** Ended jobs signalled by another node. */
        settledElsewhere: async (endedIds) => {
            const watched = new Set(waiters.waitingFor());
            for (const jobId of endedIds) {
                if (!watched.has(jobId))
                    continue;
                const job = await store.getJob({ jobId });
                if (job)
                    waiters.settled(job);
            }
        },
        resync: async () => {
            for (const jobId of waiters.waitingFor()) {
                const job = await store.getJob({ jobId });
                if (job)
                    waiters.settled(job);
            }
        },
        /** Checks the job at the edge (prepareJob parses `input`, typed for library callers, untrusted over HTTP) and submits it. */
        async submit(input, options = {}) {
            params.ensureOpen();
            const parent = options.trace ? contextFromTrace({ trace: options.trace, base: context.active() }) : context.active();
            const span = tracer.startSpan('baton.submit job', { kind: SpanKind.PRODUCER }, parent);
            try {
                return await submitTraced(input, options.workflow ?? null, traceOf(span));
            }
            finally {
                span.end();
            }
        },
        get,
        list(query) {
            return store.listJobs({ ...(query.states ? { states: query.states } : {}), limit: Math.min(Math.max(query.limit ?? 50, 1), 500), cursor: query.cursor ?? null });
        },
        /** Cancels every task that has not ended (running ones are asked to stop); the job ends cancelled once they have. */
        async cancel(jobIdParams) {
            params.ensureOpen();
            const outcome = await store.cancelJob({ jobId: jobIdParams.jobId, reason: jobIdParams.reason ?? 'cancelled by request' });
            if (!outcome.ok)
                throw new BatonError({ code: outcome.error.code, message: outcome.error.message });
            await moved(jobIdParams.jobId);
            return get(jobIdParams.jobId);
        },
        /** Waits until the job ends or the time is up; `done` says which. */
        async await(awaitParams) {
            const { jobId, timeoutMs } = awaitParams;
            const first = await get(jobId);
            if (first.job.state !== 'running' || timeoutMs <= 0)
                return { done: first.job.state !== 'running', ...first };
            const ended = await waiters.wait({ id: jobId, timeoutMs, poll: () => store.getJob({ jobId }) });
            const now = await get(jobId);
            return { done: !!ended || now.job.state !== 'running', ...now };
        },
        closeAll: () => waiters.closeAll(),
    };
}
export { createJobService };
//# sourceMappingURL=job-service.js.map