import { z } from 'zod';

/** running until every task has ended; then succeeded (all succeeded), failed, or cancelled (on request). */
const JobStateSchema = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
type JobState = z.infer<typeof JobStateSchema>;

/**
 * fail-fast: the first task that fails cancels every task that has not ended.
 * continue: only the tasks that depend on a failed one are cancelled; other branches run on.
 */
const FailurePolicySchema = z.enum(['fail-fast', 'continue']);
type FailurePolicy = z.infer<typeof FailurePolicySchema>;

const JobKeySchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'letters, digits and _.- only, starting with a letter or digit');

/** One node of the job's graph: its key, the task that runs it, and the keys it waits for. */
const JobTaskRefSchema = z.object({ key: z.string(), taskId: z.string(), dependsOn: z.array(z.string()) }).strict();
type JobTaskRef = z.infer<typeof JobTaskRefSchema>;

/** The projection of one job stream (`job:<id>`): exactly the fold of its events. */
const JobViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    state: JobStateSchema,
    failurePolicy: FailurePolicySchema,
    tasks: z.array(JobTaskRefSchema),
    /** The workflow it was started from, when a trigger started it. */
    workflow: z.string().nullable(),
    cancelRequested: z.boolean(),
    /** Keys of the tasks that failed or were cancelled, once the job has failed. */
    failedKeys: z.array(z.string()),
    endReason: z.string().nullable(),
    submittedAt: z.number(),
    updatedAt: z.number(),
    /** Global sequence of JobSubmitted: the submission order. */
    submitSeq: z.number().int(),
    version: z.number().int(),
  })
  .strict();
type JobView = z.infer<typeof JobViewSchema>;

/** Job streams share the log with task and agent streams; the prefix keeps them apart. */
function jobStreamId(jobId: string): string {
  return `job:${jobId}`;
}

export { JobStateSchema, FailurePolicySchema, JobKeySchema, JobTaskRefSchema, JobViewSchema, jobStreamId };
export type { JobState, FailurePolicy, JobTaskRef, JobView };
