import { SubmitTaskBodySchema, type Clock, type DefinitionRegistry, type NewTask, type SinceAccepted, type SubmitTaskBody } from '@baton/core';
import type { z } from 'zod';
/** A task spec as parsed, alone or in a job: the fields both bodies share. */
type TaskSpec = Omit<SubmitTaskBody, 'idempotencyKey' | 'whenNoAgent' | 'traceparent' | 'tracestate'> & {
    idempotencyKey?: string;
    traceparent?: string;
    tracestate?: string;
};
/** What a caller may submit: the API body, where the library also takes a Date for runAt. */
type SubmitTaskInput = z.input<typeof SubmitTaskBodySchema>;
declare const DEFAULT_MAX_ATTEMPTS = 3;
/**
 * Validates one submission at the edge and fills in defaults: schema of the
 * request, then the task's definition, then the payload against it. Nothing is
 * stored when any of these fails; the error names the field and the rule.
 */
declare function prepareSubmission(params: {
    input: unknown;
    registry: DefinitionRegistry;
    taskId: string;
    now: number;
    pathPrefix?: string;
}): {
    task: NewTask;
    whenNoAgent: 'warn' | 'refuse';
};
/**
 * A batch's bodies, each parsed at the edge. A body whose fields other than
 * its payload are the same keys with the same primitive values as the body
 * before it parses to the same result with its own payload (the schema takes
 * any payload; the task's definition checks it later), so it reuses that
 * parse: the schema's parse was a quarter of a batch's allocation in Node.
 */
declare function prepareSubmissions(params: {
    inputs: readonly unknown[];
    registry: DefinitionRegistry;
    nextId: () => string;
    now: number;
}): {
    task: NewTask;
    whenNoAgent: 'warn' | 'refuse';
}[];
/** Parses at the edge; a failure names every field and rule, under `pathPrefix`. */
declare function parseOrThrow<T>(params: {
    schema: z.ZodType<T>;
    input: unknown;
    pathPrefix?: string | undefined;
}): T;
/** A parsed spec checked against its task definition (type known, payload valid after upcasting), with defaults filled in. */
declare function toNewTask(params: {
    body: TaskSpec;
    registry: DefinitionRegistry;
    taskId: string;
    now: number;
    pathPrefix?: string | undefined;
}): NewTask;
/**
 * Time since now, for a store to take off the delays it counts from its own
 * now (SinceAccepted). The smaller of the clock's and the steady timer's
 * reading: a test clock that stands still gives 0, and a wall clock stepped
 * forward meanwhile cannot make a task start early.
 */
declare function acceptanceTimer(clock: Clock): SinceAccepted;
export { prepareSubmission, prepareSubmissions, parseOrThrow, toNewTask, acceptanceTimer, DEFAULT_MAX_ATTEMPTS };
export type { SubmitTaskInput, TaskSpec };
//# sourceMappingURL=submission.d.ts.map