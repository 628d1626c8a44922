import { BatonError, DEFAULT_BACKOFF, SubmitTaskBodySchema, readPayload, toFieldIssues, upcastPayload, } from '@baton/core';
const DEFAULT_MAX_ATTEMPTS = 3;
function toRunAt(body, now) {
    if (body.runAt instanceof Date)
        return body.runAt.getTime();
    if (typeof body.runAt === 'string')
        return Date.parse(body.runAt);
    if (typeof body.runAt === 'number')
        return body.runAt;
    return now + (body.delayMs ?? 0);
}
/**
 * Validates one submission at the edge and fills in defaults: schema of the
 * request, then the task's definition, then the payload against it. Nothing is
 * stored when any of these fails; the error names the field and the rule.
 */
function prepareSubmission(params) {
    const body = parseOrThrow({ schema: SubmitTaskBodySchema, input: params.input, pathPrefix: params.pathPrefix });
    return { task: toNewTask({ ...params, body }), whenNoAgent: body.whenNoAgent ?? 'warn' };
}
/**
 * A batch's bodies, each parsed at the edge. A body whose fields other than
 * its payload are the same keys with the same primitive values as the body
 * before it parses to the same result with its own payload (the schema takes
 * any payload; the task's definition checks it later), so it reuses that
 * parse: the schema's parse was a quarter of a batch's allocation in Node.
 */
function prepareSubmissions(params) {
    const many = params.inputs.length > 1;
    const prepared = new Array(params.inputs.length);
    let previous = null;
    for (let i = 0; i < params.inputs.length; i++) {
        const input = params.inputs[i];
        const pathPrefix = many ? `tasks[${i}].` : undefined;
        let body;
        if (previous !== null && sameButPayload(previous.input, input))
            body = { ...previous.body, payload: input.payload };
        else {
            body = parseOrThrow({ schema: SubmitTaskBodySchema, input, pathPrefix });
            previous = plainRecord(input) ? { input, body } : null;
        }
        prepared[i] = { task: toNewTask({ body, registry: params.registry, taskId: params.nextId(), now: params.now, pathPrefix }), whenNoAgent: body.whenNoAgent ?? 'warn' };
    }
    return prepared;
}
/** An object literal's own data: what the memo may compare key by key. */
function plainRecord(value) {
    if (value === null || typeof value !== 'object')
        return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}
/** Same keys, and every value but the payload the same primitive (objects, dates and the like always parse afresh). */
function sameButPayload(before, input) {
    if (!plainRecord(input))
        return false;
    let count = 0;
    for (const key in input) {
        if (!Object.hasOwn(input, key))
            return false;
        count++;
        if (key === 'payload') {
            if (!Object.hasOwn(before, key))
                return false;
            continue;
        }
        const value = input[key];
        if (value !== null && typeof value === 'object')
            return false;
        if (typeof value === 'function' || !Object.hasOwn(before, key) || !Object.is(value, before[key]))
            return false;
    }
    let counted = 0;
    for (const key in before)
        if (Object.hasOwn(before, key))
            counted++;
    return count === counted;
}
/** Parses at the edge; a failure names every field and rule, under `pathPrefix`. */
function parseOrThrow(params) {
    const parsed = params.schema.safeParse(params.input);
    if (parsed.success)
        return parsed.data;
    const issues = toFieldIssues({ error: parsed.error, prefix: params.pathPrefix });
    const first = issues[0];
    throw new BatonError({
        code: 'VALIDATION_FAILED',
        message: first ? `${first.path}: ${first.message}` : 'invalid submission',
        issues,
    });
}
/**
 * A definition's retry policy, one frozen object for all its tasks that set
 * none: the tasks of a batch then share it, and deciding their shapes
 * compares it by identity instead of field by field.
 */
const backoffOf = new WeakMap();
function definitionBackoff(definition) {
    let policy = backoffOf.get(definition);
    if (policy === undefined) {
        policy = Object.freeze({ ...DEFAULT_BACKOFF, ...definition.defaults.backoff });
        backoffOf.set(definition, policy);
    }
    return policy;
}
/** A parsed spec checked against its task definition (type known, payload valid after upcasting), with defaults filled in. */
function toNewTask(params) {
    const { body } = params;
    const definition = params.registry.get(body.type);
    if (!definition) {
        const known = params.registry.list().map((d) => d.type);
        throw new BatonError({
            code: 'UNKNOWN_TASK_TYPE',
            message: `${params.pathPrefix ?? ''}no task definition has type "${body.type}"${known.length ? ` (known: ${known.slice(0, 20).join(', ')})` : ''}`,
            issues: [{ path: `${params.pathPrefix ?? ''}type`, rule: 'unknown_type', message: `unknown task type "${body.type}"` }],
        });
    }
    const payloadVersion = body.payloadVersion ?? definition.version;
    const payload = upcastPayload({ definition, payload: body.payload ?? null, payloadVersion });
    try {
        readPayload({ definition, payload, payloadVersion: definition.version });
    }
    catch (error) {
        if (error instanceof BatonError && params.pathPrefix) {
            throw new BatonError({
                code: error.code,
                message: `${params.pathPrefix}${error.message}`,
                issues: error.issues.map((i) => ({ ...i, path: `${params.pathPrefix}${i.path}` })),
            });
        }
        throw error;
    }
    const defaults = definition.defaults;
    return {
        taskId: params.taskId,
        taskType: definition.type,
        payloadVersion: definition.version,
        payload: payload ?? null,
        priority: body.priority ?? defaults.priority ?? 0,
        runAt: toRunAt(body, params.now),
        // Relative to the database's clock, not this node's (which may be off): see NewTask.startsAfterMs.
        startsAfterMs: body.runAt === undefined ? (body.delayMs ?? 0) : null,
        maxAttempts: body.maxAttempts ?? defaults.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
        backoff: body.backoff === undefined ? definitionBackoff(definition) : { ...DEFAULT_BACKOFF, ...defaults.backoff, ...body.backoff },
        timeoutMs: body.timeoutMs !== undefined ? body.timeoutMs : (defaults.timeoutMs ?? null),
        idempotencyKey: body.idempotencyKey ?? null,
        target: body.target ? { service: body.target.service ?? null, tags: [...new Set(body.target.tags ?? [])].sort(), agentId: null } : null,
        serialKey: body.serialKey ?? null,
        limitKey: body.limitKey ?? null,
        trace: body.traceparent ? { traceparent: body.traceparent, tracestate: body.tracestate ?? null } : null,
    };
}
/**
 * Time since now, for a store to take off the delays it counts from its own
 * now (SinceAccepted). The smaller of the clock's and the steady timer's
 * reading: a test clock that stands still gives 0, and a wall clock stepped
 * forward meanwhile cannot make a task start early.
 */
function acceptanceTimer(clock) {
    const wall = clock.now();
    const steady = performance.now();
    // Whole milliseconds, rounded down: a run time is an integer, and rounding up could start a task early.
    return () => Math.max(0, Math.floor(Math.min(clock.now() - wall, performance.now() - steady)));
}
export { prepareSubmission, prepareSubmissions, parseOrThrow, toNewTask, acceptanceTimer, DEFAULT_MAX_ATTEMPTS };
//# sourceMappingURL=submission.js.map