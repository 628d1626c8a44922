import { BatonError, SubmitJobBodySchema } from '@baton/core';
import { parseOrThrow, toNewTask } from './submission.js';
function graphError(params) {
    return new BatonError({ code: 'JOB_GRAPH_INVALID', message: `${params.path}: ${params.message}`, issues: [params] });
}
/** A cycle in the dependencies as a list of keys that starts and ends with the same key, or null. */
function findCycle(specs) {
    const deps = new Map(specs.map((s) => [s.key, s.dependsOn ?? []]));
    const state = new Map();
    const path = [];
    const visit = (key) => {
        if (state.get(key) === 'done')
            return null;
        if (state.get(key) === 'open')
            return [...path.slice(path.indexOf(key)), key];
        state.set(key, 'open');
        path.push(key);
        for (const next of deps.get(key) ?? []) {
            const cycle = visit(next);
            if (cycle)
                return cycle;
        }
        path.pop();
        state.set(key, 'done');
        return null;
    };
    for (const spec of specs) {
        const cycle = visit(spec.key);
        if (cycle)
            return cycle;
    }
    return null;
}
/**
 * Checks a job at the edge and gives it and its tasks their ids: the body's
 * schema, then the graph (unique keys, known dependencies, no cycle), then
 * every task against its definition. Nothing is stored when any check fails;
 * the error names the task and the field.
 */
function prepareJob(params) {
    const body = parseOrThrow({ schema: SubmitJobBodySchema, input: params.input });
    const index = new Map();
    body.tasks.forEach((spec, i) => {
        const earlier = index.get(spec.key);
        if (earlier !== undefined)
            throw graphError({ path: `tasks[${i}].key`, rule: 'duplicate_key', message: `key "${spec.key}" is also the key of tasks[${earlier}]` });
        index.set(spec.key, i);
    });
    body.tasks.forEach((spec, i) => {
        (spec.dependsOn ?? []).forEach((key, j) => {
            if (!index.has(key))
                throw graphError({ path: `tasks[${i}].dependsOn[${j}]`, rule: 'unknown_key', message: `task "${spec.key}" depends on "${key}", which is no task of this job` });
        });
        if (spec.broadcast && spec.serialKey)
            throw graphError({ path: `tasks[${i}].serialKey`, rule: 'broadcast_serial', message: 'a broadcast step runs on every matching agent at once and cannot take a serial key' });
    });
    const cycle = findCycle(body.tasks);
    if (cycle) {
        throw graphError({ path: `tasks[${index.get(cycle[0] ?? '') ?? 0}].dependsOn`, rule: 'cycle', message: `the dependencies form a cycle: ${cycle.join(' → ')}` });
    }
    const jobId = params.ids.next();
    const taskIds = new Map(body.tasks.map((spec) => [spec.key, params.ids.next()]));
    const idOf = (key) => taskIds.get(key) ?? '';
    const tasks = body.tasks.map((spec, i) => {
        const { key, dependsOn, broadcast, ...task } = spec;
        const base = toNewTask({ body: task, registry: params.registry, taskId: idOf(key), now: params.now, pathPrefix: `tasks[${i}].` });
        return {
            ...base,
            job: { jobId, key, dependsOn: [...new Set(dependsOn ?? [])].map(idOf) },
            broadcast: broadcast ? { onAgentLost: typeof broadcast === 'object' ? (broadcast.onAgentLost ?? 'fail') : 'fail' } : null,
        };
    });
    const job = {
        jobId,
        name: body.name ?? 'job',
        failurePolicy: body.failurePolicy ?? 'fail-fast',
        tasks: body.tasks.map((spec) => ({ key: spec.key, taskId: idOf(spec.key), dependsOn: [...new Set(spec.dependsOn ?? [])] })),
        workflow: params.workflow ?? null,
    };
    return { job, tasks, whenNoAgent: body.whenNoAgent ?? 'warn' };
}
export { prepareJob, findCycle };
//# sourceMappingURL=job-submission.js.map