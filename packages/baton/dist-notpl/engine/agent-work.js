import { toClaimedTask, } from '@baton/core';
import { orThrow } from './task-service.js';
/**
 * The agent-facing side of a node: claims (long-polled), fenced reports,
 * registration, heartbeats and cancel notices. Local agents use it directly,
 * remote ones through the HTTP agent protocol.
 */
function createAgentWork(deps) {
    const { store, leaseMs, random, work, logWritten, cancelListeners, ensureOpen, changed } = deps;
    /** The results of what a job's task depends on, by key; a broadcast copy sees its step's. */
    async function resultsFor(task) {
        const owner = task.parentId === null ? task : await store.get({ taskId: task.parentId });
        const deps = owner?.dependsOn ?? [];
        if (deps.length === 0)
            return {};
        const done = await Promise.all(deps.map((taskId) => store.get({ taskId })));
        return Object.fromEntries(done.filter((d) => d !== null).map((d) => [d.key ?? d.id, d.result]));
    }
    const reported = (task) => {
        deps.observer.reported(task);
        return task;
    };
    /**
     * Tasks handed over by a submission, as a claim answers them. A caller that
     * has gone meanwhile (an aborted long-poll) gets nothing, and its tasks go
     * back to the queue at once rather than waiting out their lease.
     */
    async function deliver(handed, signal) {
        logWritten.notify();
        deps.observer.claimed(handed);
        if (signal?.aborted || deps.isClosed()) {
            // A release that fails leaves the task to its lease, which the sweeper rescues as for any agent gone.
            await Promise.all(handed.map((task) => agentWork.release({ taskId: task.id, token: task.token, reason: 'the claimer left before the task was handed over' }).catch(() => undefined)));
            return [];
        }
        return handed.map((task) => toClaimedTask(task, {}));
    }
    /** What agents use: claims, reports with fencing tokens, wake-ups and cancel notices. */
    const agentWork = {
        async claim(params) {
            ensureOpen();
            const claimed = await store.claim({ ...params, leaseMs });
            if (claimed.length > 0) {
                logWritten.notify();
                deps.observer.claimed(claimed);
            }
            return Promise.all(claimed.map(async (task) => toClaimedTask(task, task.jobId === null ? {} : await resultsFor(task))));
        },
        /**
         * A long-poll claim: claims at once if work is ready, else waits for a
         * wake-up (local, or a NOTIFY from another node) up to `waitMs` and tries
         * again. An abort (the agent stops, the HTTP client left) ends the wait
         * without claiming, so nothing is claimed for a caller who is gone.
         */
        async claimOrWait(params) {
            const deadline = Date.now() + params.waitMs;
            const wakeups = work.subscribe();
            try {
                for (;;) {
                    if (params.signal?.aborted || deps.isClosed())
                        return [];
                    // Clear the flag before reading, so work that arrives during the claim wakes the next wait.
                    wakeups.take();
                    const tasks = await agentWork.claim(params);
                    const left = deadline - Date.now();
                    if (tasks.length > 0 || left <= 0)
                        return tasks;
                    // Idle: a task submitted here meanwhile may be handed over claimed, in the submission's own write.
                    const offer = deps.handoffs.wait({ agentId: params.agentId, types: new Set(params.types), limit: params.limit });
                    await Promise.race([offer.offered, wakeups.wait({ timeoutMs: left, ...(params.signal ? { signal: params.signal } : {}) })]);
                    const handed = await offer.close();
                    if (handed.length > 0)
                        return await deliver(handed, params.signal);
                }
            }
            finally {
                wakeups.close();
            }
        },
        async succeed(params) {
            return reported(changed(orThrow(await store.succeed(params))));
        },
        async fail(params) {
            return reported(changed(orThrow(await store.fail({ ...params, random: random() }))));
        },
        async release(params) {
            return changed(orThrow(await store.release(params)));
        },
        async progress(params) {
            return orThrow(await store.progress(params));
        },
        async confirmCancel(params) {
            return reported(changed(orThrow(await store.confirmCancel(params))));
        },
        /** An agent announces itself (AgentRegistered, unless it re-registers unchanged). */
        async register(params) {
            ensureOpen();
            const agent = await store.registerAgent({ ...params, leaseMs });
            // A broadcast step waiting for a matching agent may now fan out.
            void deps.onRegistered();
            return agent;
        },
        /** The tasks this agent holds whose cancel was requested: what a watch that starts now has missed. */
        async pendingCancels(params) {
            const agent = await store.getAgent(params);
            if (!agent)
                return [];
            const held = await Promise.all(agent.taskIds.map((taskId) => store.get({ taskId })));
            return held.filter((t) => t?.state === 'running' && t.cancelRequested && t.agentId === params.agentId).map((t) => t.id);
        },
        /** A graceful goodbye (AgentStopped). */
        async unregister(params) {
            await store.stopAgent(params);
            await deps.onStopped(params.agentId);
        },
        /** A heartbeat: extends the leases the agent still holds; says which are lost and which must be cancelled. */
        async heartbeat(params) {
            return store.extendLeases({ ...params, leaseMs });
        },
        leaseMs,
        subscribe() {
            return work.subscribe();
        },
        onCancelRequested(listener) {
            cancelListeners.add(listener);
            return () => cancelListeners.delete(listener);
        },
    };
    return agentWork;
}
export { createAgentWork };
//# sourceMappingURL=agent-work.js.map