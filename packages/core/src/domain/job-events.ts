import { z } from 'zod';
import { FailurePolicySchema, JobTaskRefSchema } from './job-state.js';

const JobSubmittedSchema = z.object({
  type: z.literal('JobSubmitted'),
  data: z
    .object({
      name: z.string(),
      failurePolicy: FailurePolicySchema,
      tasks: z.array(JobTaskRefSchema),
      workflow: z.string().nullable(),
    })
    .strict(),
});
const JobCancelRequestedSchema = z.object({ type: z.literal('JobCancelRequested'), data: z.object({ reason: z.string() }).strict() });
const JobSucceededSchema = z.object({ type: z.literal('JobSucceeded'), data: z.object({}).strict() });
const JobFailedSchema = z.object({ type: z.literal('JobFailed'), data: z.object({ failedKeys: z.array(z.string()) }).strict() });
const JobCancelledSchema = z.object({ type: z.literal('JobCancelled'), data: z.object({ reason: z.string() }).strict() });

const JobEventSchema = z.discriminatedUnion('type', [JobSubmittedSchema, JobCancelRequestedSchema, JobSucceededSchema, JobFailedSchema, JobCancelledSchema]);
type JobEvent = z.infer<typeof JobEventSchema>;
type StoredJobEvent = JobEvent & { seq: number; streamId: string; version: number; time: number };

export { JobEventSchema };
export type { JobEvent, StoredJobEvent };
