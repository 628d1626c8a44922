import {
  BatonError,
  DEFAULT_BACKOFF,
  SubmitTaskBodySchema,
  readPayload,
  toFieldIssues,
  upcastPayload,
  type BackoffPolicy,
  type Clock,
  type DefinitionRegistry,
  type NewTask,
  type SinceAccepted,
  type SubmitTaskBody,
} from '@baton/core';
import type { z } from 'zod';

/** A task spec as parsed, alone or in a job: the fields both bodies share. */
type TaskSpec = Omit<SubmitTaskBody, 'idempotencyKey' | 'whenNoAgent' | 'traceparent' | 'tracestate'> & { idempotencyKey?: string; traceparent?: string; tracestate?: string };

/** What a caller may submit: the API body, where the library also takes a Date for runAt. */
type SubmitTaskInput = z.input<typeof SubmitTaskBodySchema>;

const DEFAULT_MAX_ATTEMPTS = 3;

function toRunAt(body: TaskSpec, now: number): number {
  if (body.runAt instanceof Date) return body.runAt.getTime();
  if (typeof body.runAt === 'string') return Date.parse(body.runAt);
  if (typeof body.runAt === 'number') return body.runAt;
  return now + (body.delayMs ?? 0);
}

/**
 * Validates one submission at the edge and fills in defaults: schema of the
 * request, then the task's definition, then the payload against it. Nothing is
 * stored when any of these fails; the error names the field and the rule.
 */
function prepareSubmission(params: {
  input: unknown;
  registry: DefinitionRegistry;
  taskId: string;
  now: number;
  pathPrefix?: string;
}): { task: NewTask; whenNoAgent: 'warn' | 'refuse' } {
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
function prepareSubmissions(params: { inputs: readonly unknown[]; registry: DefinitionRegistry; nextId: () => string; now: number }): { task: NewTask; whenNoAgent: 'warn' | 'refuse' }[] {
  const many = params.inputs.length > 1;
  const prepared = new Array<{ task: NewTask; whenNoAgent: 'warn' | 'refuse' }>(params.inputs.length);
  let previous: { input: Record<string, unknown>; body: SubmitTaskBody } | null = null;
  for (let i = 0; i < params.inputs.length; i++) {
    const input = params.inputs[i];
    const pathPrefix = many ? `tasks[${i}].` : undefined;
    let body: SubmitTaskBody;
    if (previous !== null && sameButPayload(previous.input, input)) body = { ...previous.body, payload: (input as Record<string, unknown>).payload };
    else {
      body = parseOrThrow({ schema: SubmitTaskBodySchema, input, pathPrefix });
      previous = plainRecord(input) ? { input, body } : null;
    }
    prepared[i] = { task: toNewTask({ body, registry: params.registry, taskId: params.nextId(), now: params.now, pathPrefix }), whenNoAgent: body.whenNoAgent ?? 'warn' };
  }
  return prepared;
}

/** An object literal's own data: what the memo may compare key by key. */
function plainRecord(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Same keys, and every value but the payload the same primitive (objects, dates and the like always parse afresh). */
function sameButPayload(before: Record<string, unknown>, input: unknown): boolean {
  if (!plainRecord(input)) return false;
  let count = 0;
  for (const key in input) {
    if (!Object.hasOwn(input, key)) return false;
    count++;
    if (key === 'payload') {
      if (!Object.hasOwn(before, key)) return false;
      continue;
    }
    const value = input[key];
    if (value !== null && typeof value === 'object') return false;
    if (typeof value === 'function' || !Object.hasOwn(before, key) || !Object.is(value, before[key])) return false;
  }
  let counted = 0;
  for (const key in before) if (Object.hasOwn(before, key)) counted++;
  return count === counted;
}

/** Parses at the edge; a failure names every field and rule, under `pathPrefix`. */
function parseOrThrow<T>(params: { schema: z.ZodType<T>; input: unknown; pathPrefix?: string | undefined }): T {
  const parsed = params.schema.safeParse(params.input);
  if (parsed.success) return parsed.data;
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
const backoffOf = new WeakMap<object, BackoffPolicy>();
function definitionBackoff(definition: { defaults: { backoff?: Partial<BackoffPolicy> } }): BackoffPolicy {
  let policy = backoffOf.get(definition);
  if (policy === undefined) {
    policy = Object.freeze({ ...DEFAULT_BACKOFF, ...definition.defaults.backoff });
    backoffOf.set(definition, policy);
  }
  return policy;
}

/** A parsed spec checked against its task definition (type known, payload valid after upcasting), with defaults filled in. */
function toNewTask(params: { body: TaskSpec; registry: DefinitionRegistry; taskId: string; now: number; pathPrefix?: string | undefined }): NewTask {
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
  } catch (error) {
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
 * now (SinceAccepted). The steady timer's reading, to the fraction of a
 * millisecond, while the clock agrees with it within the millisecond it
 * counts in; else the smaller of the two in whole milliseconds, rounded down:
 * a test clock that stands still gives 0, and a wall clock stepped forward
 * meanwhile cannot make a task start early. It once gave whole milliseconds
 * always, and PostgreSQL's clock bound, which counts from the fraction, made
 * a delayed task due up to a millisecond late (bench/RESULTS.md, history 49).
 */
function acceptanceTimer(clock: Clock): SinceAccepted {
  const wall = clock.now();
  const steady = performance.now();
  return () => {
    const byClock = clock.now() - wall;
    const bySteady = performance.now() - steady;
    return Math.max(0, Math.abs(byClock - bySteady) < 1 ? bySteady : Math.floor(Math.min(byClock, bySteady)));
  };
}

export { prepareSubmission, prepareSubmissions, parseOrThrow, toNewTask, acceptanceTimer, DEFAULT_MAX_ATTEMPTS };
export type { SubmitTaskInput, TaskSpec };
