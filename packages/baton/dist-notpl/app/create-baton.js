import { BatonError, createDefinitionRegistry } from '@baton/core';
import { createAgent } from '@baton/client';
import { createEngine } from '../engine/engine.js';
import { createInProcessTransport } from '../transport/in-process-transport.js';
import { loadWorkflows } from '../workflows/workflow-loader.js';
import { createAddressGuard } from '../callbacks/address-guard.js';
import { callbackHandlers, httpCallback, reminder } from '../callbacks/callback-tasks.js';
import { newWebhookSecret, signWebhook } from '../callbacks/webhook-signature.js';
import { hostname } from 'node:os';
import { parseDatabaseUrl } from './database-url.js';
import { openStorage } from './open-storage.js';
import { createUuidV7Ids } from './uuid-v7.js';
/** Every problem of every file, so one start shows them all; the store is not opened. */
async function loadWorkflowsOrThrow(params) {
    const { workflows, problems } = await loadWorkflows(params).catch((error) => {
        throw new BatonError({ code: 'CONFIG_INVALID', message: `cannot read the workflows folder ${params.dir}: ${error.message}` });
    });
    if (problems.length > 0)
        throw new BatonError({ code: 'CONFIG_INVALID', message: `the workflows in ${params.dir} have ${problems.length} problem(s):\n${problems.join('\n')}` });
    return workflows;
}
/** The secret that signs callbacks, and their handlers. Without a configured secret, one is made for this process, and said. */
function callbackSetup(params) {
    let secret = params.secret ?? process.env.BATON_WEBHOOK_SECRET;
    if (!secret) {
        secret = newWebhookSecret();
        params.logger.warn({}, 'no webhook secret configured (BATON_WEBHOOK_SECRET): callbacks are signed with a secret made for this process only');
    }
    try {
        signWebhook({ secret, id: 'check', timestamp: 0, body: '' });
        return { handlers: callbackHandlers({ secret, guard: createAddressGuard({ allow: params.allow ?? [] }) }) };
    }
    catch (error) {
        throw new BatonError({ code: 'CONFIG_INVALID', message: `callbacks: ${error.message}` });
    }
}
const systemClock = { now: () => Date.now() };
const quietLogger = {
    warn: (obj, msg) => console.warn(`[baton] ${msg}`, obj),
    error: (obj, msg) => console.error(`[baton] ${msg}`, obj),
};
/**
 * Baton embedded in your process: the engine, its store, and agents that run
 * handlers in the same process. The only place that picks a storage driver.
 */
async function createBaton(options = {}) {
    const config = parseDatabaseUrl(options.database ?? 'sqlite:./baton.db', options.schema === undefined ? {} : { schema: options.schema });
    const clock = options.clock ?? systemClock;
    const logger = options.logger ?? quietLogger;
    const callbacks = options.callbacks ? callbackSetup({ ...options.callbacks, logger }) : null;
    const registry = createDefinitionRegistry({ definitions: [...(options.definitions ?? []), ...(callbacks ? [httpCallback, reminder] : [])] });
    const workflows = options.workflowsDir ? await loadWorkflowsOrThrow({ dir: options.workflowsDir, registry }) : [];
    const storage = await openStorage({
        config,
        clock,
        logger,
        ...(options.poolSize === undefined ? {} : { poolSize: options.poolSize }),
        ...(options.leaderCheckMs === undefined ? {} : { leaderCheckMs: options.leaderCheckMs }),
    });
    const { store } = storage;
    const engine = createEngine({
        store,
        clock,
        registry,
        ids: createUuidV7Ids({ clock }),
        logger,
        ...(options.leaseMs === undefined ? {} : { leaseMs: options.leaseMs }),
        ...(options.sweepIntervalMs === undefined ? {} : { sweepIntervalMs: options.sweepIntervalMs }),
        ...(storage.cluster ? { cluster: storage.cluster } : {}),
        workflows,
        ...(options.archiveDir ? { archiveDir: options.archiveDir } : {}),
    });
    const transport = createInProcessTransport({ engine });
    const agents = new Set();
    await engine.start();
    if (callbacks && options.callbacks?.run !== false) {
        const deliverer = createAgent({ transport, id: `callbacks-${hostname()}-${process.pid}`, concurrency: options.callbacks?.concurrency ?? 32 });
        for (const entry of callbacks.handlers)
            deliverer.handle(entry.definition, entry.handler);
        agents.add(deliverer);
        await deliverer.start();
    }
    return {
        tasks: {
            /**
             * Submits one task. With `{ connection }` (PostgreSQL: your pg client inside
             * your open transaction) the task exists if and only if you commit.
             */
            submit: (input, params = {}) => engine.tasks.submit(input, params),
            submitMany: (params) => engine.tasks.submitMany(params),
            get: engine.tasks.get,
            list: engine.tasks.list,
            /** Why a task is not running: every reason, from the live state (`reasons`, each with `until` when it ends by itself). */
            explain: engine.tasks.explain,
            cancel: engine.tasks.cancel,
            retry: engine.tasks.retry,
            /** Resolves with the task once it has ended; throws AWAIT_TIMEOUT if it has not by the deadline. */
            async await(params) {
                const { done, task } = await engine.tasks.await({ taskId: params.taskId, timeoutMs: params.timeoutMs ?? 30_000 });
                if (!done)
                    throw new BatonError({ code: 'AWAIT_TIMEOUT', message: `task ${params.taskId} is still ${task.state}`, taskId: params.taskId });
                return task;
            },
        },
        /** Jobs: graphs of tasks submitted in one transaction, with broadcast steps and a failure policy. */
        jobs: {
            submit: (input) => engine.jobs.submit(input),
            get: (params) => engine.jobs.get(params.jobId),
            list: engine.jobs.list,
            cancel: engine.jobs.cancel,
            /** Resolves with the job and its tasks once it has ended; throws AWAIT_TIMEOUT if it has not by the deadline. */
            async await(params) {
                const { done, ...found } = await engine.jobs.await({ jobId: params.jobId, timeoutMs: params.timeoutMs ?? 30_000 });
                if (!done)
                    throw new BatonError({ code: 'AWAIT_TIMEOUT', message: `job ${params.jobId} is still ${found.job.state}` });
                return found;
            },
        },
        /** Workflows loaded from `workflowsDir`, and `trigger({ event, payload })`, which starts one job. */
        workflows: engine.workflows,
        /** Recurring tasks: `define({ name, cron, timezone, task, overlap, missed })`, pause, resume, remove, list. */
        schedules: engine.schedules,
        /** Pause and resume a task type across the cluster. */
        types: engine.types,
        /** Concurrency and rate limits per type (`type:<name>`) and per limit key (`key:<name>`), across the cluster. */
        limits: engine.limits,
        events: engine.events,
        definitions: {
            register: (definition) => registry.register(definition),
            list: () => registry.list(),
        },
        agents: {
            /** Every agent that registered with this database: liveness, load, the tasks it holds. */
            list: engine.agents.list,
            get: engine.agents.get,
            /** An agent in this process. Add handlers with `handle`, then `start()`. */
            create(params = {}) {
                const agent = createAgent({ ...params, transport });
                agents.add(agent);
                return agent;
            },
        },
        /** The engine, for the HTTP server and tests. */
        engine,
        /** Stops every agent (each with its grace), then the engine, then closes the database. */
        async close(params = {}) {
            await Promise.all([...agents].map((agent) => agent.stop(params)));
            await engine.close();
            await storage.close();
        },
    };
}
export { createBaton };
//# sourceMappingURL=create-baton.js.map