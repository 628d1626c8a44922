import { z } from 'zod';
import { FailurePolicySchema, JobKeySchema, JobStateSchema, JobViewSchema, type JobView } from '../domain/job-state.js';
import { AgentLostPolicySchema, TaskStateSchema, TaskTargetSchema, type TaskView } from '../domain/task-state.js';
import { onlyOneStart, TaskSpecShape } from './task-api.js';

const MAX_JOB_TASKS = 1_000;

/** One task of a job: a task spec, its key in the job, the keys it waits for, and whether it is a broadcast step. */
const JobTaskSpecSchema = z
  .object({
    ...TaskSpecShape,
    key: JobKeySchema,
    dependsOn: z.array(JobKeySchema).max(100).optional(),
    /** Run once on every live agent matching the target; `onAgentLost` says what a lost agent's copy does to the step. */
    broadcast: z.union([z.boolean(), z.object({ onAgentLost: AgentLostPolicySchema.optional() }).strict()]).optional(),
  })
  .strict()
  .refine(onlyOneStart.check, onlyOneStart.params);
type JobTaskSpec = z.infer<typeof JobTaskSpecSchema>;

/** The body of POST /v1/jobs. */
const SubmitJobBodySchema = z
  .object({
    name: z.string().min(1).max(200).optional(),
    failurePolicy: FailurePolicySchema.optional(),
    tasks: z.array(JobTaskSpecSchema).min(1).max(MAX_JOB_TASKS),
    /** When no live agent can run one of its tasks: submit with a warning (the default), or refuse the job. */
    whenNoAgent: z.enum(['warn', 'refuse']).optional(),
  })
  .strict();
type SubmitJobBody = z.infer<typeof SubmitJobBodySchema>;

const iso = (ms: number): string => new Date(ms).toISOString();

/** A broadcast step's copy on one agent. */
const JobCopySchema = z.object({ taskId: z.string(), agentId: z.string().nullable(), state: TaskStateSchema, endReason: z.string().nullable() });

/** One node of a job's graph with the state of the task that runs it. */
const JobNodeSchema = z.object({
  key: z.string(),
  taskId: z.string(),
  type: z.string(),
  dependsOn: z.array(z.string()),
  state: TaskStateSchema,
  agentId: z.string().nullable(),
  attempt: z.number().int(),
  maxAttempts: z.number().int(),
  target: TaskTargetSchema.nullable(),
  broadcast: z.boolean(),
  result: z.unknown(),
  endReason: z.string().nullable(),
  copies: z.array(JobCopySchema),
});
type JobNode = z.infer<typeof JobNodeSchema>;

const JobSummarySchema = JobViewSchema.omit({ tasks: true }).extend({ submittedAt: z.string(), updatedAt: z.string(), taskCount: z.number().int() });
type JobSummary = z.infer<typeof JobSummarySchema>;

/** A job as the API shows it: the projection, with its graph and each task's state. */
const JobResourceSchema = JobSummarySchema.extend({ tasks: z.array(JobNodeSchema) });
type JobResource = z.infer<typeof JobResourceSchema>;

function toJobSummary(job: JobView): JobSummary {
  const { tasks, ...rest } = job;
  return { ...rest, submittedAt: iso(job.submittedAt), updatedAt: iso(job.updatedAt), taskCount: tasks.length };
}

function toJobResource(job: JobView, tasks: readonly TaskView[]): JobResource {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const nodes = job.tasks.map((ref): JobNode => {
    const task = byId.get(ref.taskId);
    const copies = (task?.fanout?.childIds ?? []).map((id) => {
      const copy = byId.get(id);
      return { taskId: id, agentId: copy?.target?.agentId ?? null, state: copy?.state ?? 'queued', endReason: copy?.endReason ?? null };
    });
    return {
      key: ref.key,
      taskId: ref.taskId,
      type: task?.type ?? '',
      dependsOn: ref.dependsOn,
      state: task?.state ?? 'blocked',
      agentId: task?.agentId ?? null,
      attempt: task?.attempt ?? 0,
      maxAttempts: task?.maxAttempts ?? 0,
      target: task?.target ?? null,
      broadcast: !!task?.broadcast,
      result: task?.result ?? null,
      endReason: task?.endReason ?? null,
      copies,
    };
  });
  return { ...toJobSummary(job), tasks: nodes };
}

const JobIdParamsSchema = z.object({ id: z.string().min(1).max(200) }).strict();
const ListJobsQuerySchema = z
  .object({
    state: z
      .string()
      .max(200)
      .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
      .pipe(z.array(JobStateSchema).max(10))
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    cursor: z.string().max(200).optional(),
  })
  .strict();
const JobResponseSchema = z.object({ job: JobResourceSchema, warnings: z.array(z.string()).optional() });
const JobListResponseSchema = z.object({ items: z.array(JobSummarySchema), nextCursor: z.string().nullable() });
const JobAwaitResponseSchema = z.object({ done: z.boolean(), job: JobResourceSchema });

export {
  MAX_JOB_TASKS,
  JobTaskSpecSchema,
  SubmitJobBodySchema,
  JobNodeSchema,
  JobSummarySchema,
  JobResourceSchema,
  toJobSummary,
  toJobResource,
  JobIdParamsSchema,
  ListJobsQuerySchema,
  JobResponseSchema,
  JobListResponseSchema,
  JobAwaitResponseSchema,
};
export type { JobTaskSpec, SubmitJobBody, JobNode, JobSummary, JobResource };
