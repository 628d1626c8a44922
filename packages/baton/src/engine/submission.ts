import {
  BatonError,
  DEFAULT_BACKOFF,
  SubmitTaskBodySchema,
  readPayload,
  toFieldIssues,
  upcastPayload,
  type DefinitionRegistry,
  type NewTask,
  type SubmitTaskBody,
} from '@baton/core';
import type { z } from 'zod';

/** What a caller may submit: the API body, where the library also takes a Date for runAt. */
type SubmitTaskInput = z.input<typeof SubmitTaskBodySchema>;

const DEFAULT_MAX_ATTEMPTS = 3;

function toRunAt(body: SubmitTaskBody, now: number): number {
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
}): NewTask {
  const parsed = SubmitTaskBodySchema.safeParse(params.input);
  if (!parsed.success) {
    const issues = toFieldIssues({ error: parsed.error, prefix: params.pathPrefix });
    const first = issues[0];
    throw new BatonError({
      code: 'VALIDATION_FAILED',
      message: first ? `${first.path}: ${first.message}` : 'invalid submission',
      issues,
    });
  }
  const body = parsed.data;
  const definition = params.registry.get(body.type);
  if (!definition) {
    const known = params.registry.list().map((d) => d.type);
    throw new BatonError({
      code: 'UNKNOWN_TASK_TYPE',
      message: `no task definition has type "${body.type}"${known.length ? ` (known: ${known.slice(0, 20).join(', ')})` : ''}`,
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
    maxAttempts: body.maxAttempts ?? defaults.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    backoff: { ...DEFAULT_BACKOFF, ...defaults.backoff, ...body.backoff },
    timeoutMs: body.timeoutMs !== undefined ? body.timeoutMs : (defaults.timeoutMs ?? null),
    idempotencyKey: body.idempotencyKey ?? null,
  };
}

export { prepareSubmission, DEFAULT_MAX_ATTEMPTS };
export type { SubmitTaskInput };
