import { SubmitJobBodySchema, type DefinitionRegistry, type Ids, type JobTaskSpec, type NewJob, type NewTask } from '@baton/core';
import type { z } from 'zod';
/** What a caller may submit as a job: the API body, where the library also takes a Date for runAt. */
type SubmitJobInput = z.input<typeof SubmitJobBodySchema>;
/** A cycle in the dependencies as a list of keys that starts and ends with the same key, or null. */
declare function findCycle(specs: readonly JobTaskSpec[]): string[] | null;
/**
 * Checks a job at the edge and gives it and its tasks their ids: the body's
 * schema, then the graph (unique keys, known dependencies, no cycle), then
 * every task against its definition. Nothing is stored when any check fails;
 * the error names the task and the field.
 */
declare function prepareJob(params: {
    input: unknown;
    registry: DefinitionRegistry;
    ids: Ids;
    now: number;
    workflow?: string | null;
}): {
    job: NewJob;
    tasks: NewTask[];
    whenNoAgent: 'warn' | 'refuse';
};
export { prepareJob, findCycle };
export type { SubmitJobInput };
//# sourceMappingURL=job-submission.d.ts.map