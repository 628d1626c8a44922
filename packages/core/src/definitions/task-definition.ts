import type { z } from 'zod';
import { BatonError } from '../contract/baton-error.js';
import { toFieldIssues } from '../contract/zod-issues.js';
import type { BackoffPolicy } from '../domain/task-state.js';

/** Turns a payload written at an older version into the shape of the current one. */
type Upcaster = (params: { payload: unknown; fromVersion: number }) => unknown;

interface TaskDefaults {
  priority?: number;
  maxAttempts?: number;
  backoff?: Partial<BackoffPolicy>;
  timeoutMs?: number | null;
  /** Error names (`error.name`) that fail the task at once, like NonRetryableError: retrying cannot help. */
  nonRetryable?: readonly string[];
  /**
   * Retention: a task of this type that ended (and belongs to no job) this
   * long ago is archived: its events are written to an NDJSON file and removed
   * from the hot tables. Absent: kept forever.
   */
  archiveAfterMs?: number;
}

/**
 * A typed task: its name, the current payload version, the schema a payload of
 * that version must match, and how to read payloads of older versions.
 */
interface TaskDefinition<P> {
  readonly type: string;
  readonly version: number;
  readonly schema: z.ZodType<P>;
  readonly upcast: Upcaster | undefined;
  readonly defaults: TaskDefaults;
}

const TYPE_PATTERN = /^[A-Za-z][A-Za-z0-9_.:-]{0,199}$/;

function defineTask<P>(params: {
  type: string;
  version?: number;
  schema: z.ZodType<P>;
  upcast?: Upcaster;
  defaults?: TaskDefaults;
}): TaskDefinition<P> {
  if (!TYPE_PATTERN.test(params.type)) {
    throw new TypeError(`task type "${params.type}" must start with a letter and use only letters, digits and _.:- (at most 200)`);
  }
  const version = params.version ?? 1;
  if (!Number.isInteger(version) || version < 1) throw new TypeError(`task ${params.type}: version must be a whole number ≥ 1`);
  return Object.freeze({
    type: params.type,
    version,
    schema: params.schema,
    upcast: params.upcast,
    defaults: params.defaults ?? {},
  });
}

/** A payload written at `payloadVersion`, in the shape of the definition's current version. */
function upcastPayload(params: { definition: TaskDefinition<unknown>; payload: unknown; payloadVersion: number }): unknown {
  const { definition, payloadVersion, payload } = params;
  if (payloadVersion > definition.version) {
    throw new BatonError({
      code: 'PAYLOAD_VERSION_UNSUPPORTED',
      message: `task ${definition.type}: payload version ${payloadVersion} is newer than this definition (version ${definition.version})`,
    });
  }
  if (payloadVersion < definition.version) {
    if (!definition.upcast) {
      throw new BatonError({
        code: 'PAYLOAD_VERSION_UNSUPPORTED',
        message: `task ${definition.type}: payload version ${payloadVersion} needs an upcaster to version ${definition.version}`,
      });
    }
    return definition.upcast({ payload, fromVersion: payloadVersion });
  }
  return payload;
}

/**
 * Reads a stored payload with a definition: upcasts it from the version it was
 * written at, then checks it against the schema. Throws BatonError with the
 * field paths that failed, never a raw zod error.
 */
function readPayload<P>(params: { definition: TaskDefinition<P>; payload: unknown; payloadVersion: number }): P {
  const { definition } = params;
  const payload = upcastPayload({ ...params, definition: definition as TaskDefinition<unknown> });
  const parsed = definition.schema.safeParse(payload);
  if (!parsed.success) {
    const issues = toFieldIssues({ error: parsed.error, prefix: 'payload' });
    const first = issues[0];
    throw new BatonError({
      code: 'PAYLOAD_INVALID',
      message: `task ${definition.type}: ${first ? `${first.path}: ${first.message} (${first.rule})` : 'invalid payload'}`,
      issues,
    });
  }
  return parsed.data;
}

export { defineTask, upcastPayload, readPayload };
export type { TaskDefinition, TaskDefaults, Upcaster };
