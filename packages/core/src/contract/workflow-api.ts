import { z } from 'zod';
import { FailurePolicySchema, JobKeySchema } from '../domain/job-state.js';
import { AgentLostPolicySchema } from '../domain/task-state.js';
import { TargetBodySchema, TaskTypeSchema } from './task-api.js';

const EventNameSchema = z.string().min(1).max(100).regex(/^[A-Za-z][A-Za-z0-9_.:-]*$/, 'must start with a letter and use only letters, digits and _.:-');

/** One step of a workflow file. Steps run in the order written unless `dependsOn` says otherwise. */
const WorkflowStepSchema = z
  .object({
    key: JobKeySchema,
    type: TaskTypeSchema,
    /** A JSON template: `{{ payload.x }}`, `{{ event }}` and `{{ workflow }}` are filled in when triggered. */
    payload: z.unknown().optional(),
    target: TargetBodySchema.optional(),
    /** Run once on every live agent matching the target (true), or once on one agent (false, the default). */
    broadcast: z.union([z.boolean(), z.object({ onAgentLost: AgentLostPolicySchema.optional() }).strict()]).optional(),
    /** The keys of the steps it waits for; by default the step written just before it ([] for none). */
    dependsOn: z.array(JobKeySchema).max(100).optional(),
    priority: z.number().int().min(-1_000_000).max(1_000_000).optional(),
    maxAttempts: z.number().int().min(1).max(1_000).optional(),
    timeoutMs: z.number().int().min(1).nullable().optional(),
  })
  .strict();
type WorkflowStep = z.infer<typeof WorkflowStepSchema>;

/** A workflow file: a named workflow, the event that triggers it, and its steps. */
const WorkflowFileSchema = z
  .object({
    name: EventNameSchema,
    /** The event that starts it; the workflow's name when not given. */
    on: EventNameSchema.optional(),
    description: z.string().max(2_000).optional(),
    failurePolicy: FailurePolicySchema.optional(),
    steps: z.array(WorkflowStepSchema).min(1).max(1_000),
  })
  .strict();
type WorkflowFile = z.infer<typeof WorkflowFileSchema>;

/** A loaded workflow as the API shows it. */
const WorkflowResourceSchema = z.object({
  name: z.string(),
  on: z.string(),
  description: z.string().nullable(),
  failurePolicy: FailurePolicySchema,
  file: z.string(),
  steps: z.array(WorkflowStepSchema.extend({ dependsOn: z.array(z.string()) })),
});
type WorkflowResource = z.infer<typeof WorkflowResourceSchema>;

const WorkflowListResponseSchema = z.object({ items: z.array(WorkflowResourceSchema) });
const TriggerParamsSchema = z.object({ event: EventNameSchema }).strict();
/** The body of POST /v1/triggers/{event}: the payload the workflow's templates read. */
const TriggerBodySchema = z.object({ payload: z.unknown().optional() }).strict();

export { EventNameSchema, WorkflowStepSchema, WorkflowFileSchema, WorkflowResourceSchema, WorkflowListResponseSchema, TriggerParamsSchema, TriggerBodySchema };
export type { WorkflowStep, WorkflowFile, WorkflowResource };
