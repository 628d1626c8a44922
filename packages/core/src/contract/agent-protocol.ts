import { z } from 'zod';
import { AgentLabelsSchema } from '../domain/agent-state.js';
import { ErrorInfoSchema } from '../domain/task-state.js';
import { ClaimedTaskSchema } from './agent-api.js';
import { ProblemSchema } from './task-api.js';

/*
 * The remote agent protocol: what an agent on another machine, in any
 * language, sends to work for Baton over HTTP. Every report carries the
 * fencing token of its claim; a stale one is refused with 409 STALE_LEASE.
 */
const AgentPathSchema = z.object({ agentId: z.string().min(1).max(200).regex(/^[A-Za-z0-9_.:@-]+$/, 'letters, digits and _.:@-') }).strict();
const AgentTaskPathSchema = AgentPathSchema.extend({ taskId: z.string().min(1).max(200) }).strict();
const TaskTypeList = z.array(z.string().min(1).max(200)).max(500);

const RegisterAgentBodySchema = z
  .object({
    host: z.string().min(1).max(255),
    labels: AgentLabelsSchema.default({ service: null, tags: [] }),
    types: TaskTypeList.min(1),
    concurrency: z.number().int().min(1).max(10_000),
  })
  .strict();
const RegisterAgentResponseSchema = z.object({ leaseMs: z.number().int(), heartbeatMs: z.number().int() });
type RegisterAgentResponse = z.infer<typeof RegisterAgentResponseSchema>;

/** `waitMs` > 0 makes it a long-poll: answered as soon as work is claimed, or empty at the deadline. */
const ClaimBodySchema = z
  .object({ types: TaskTypeList.min(1), limit: z.number().int().min(1).max(1_000), waitMs: z.number().int().min(0).max(30_000).default(0) })
  .strict();
const ClaimResponseSchema = z.object({ tasks: z.array(ClaimedTaskSchema) });
type ClaimResponse = z.infer<typeof ClaimResponseSchema>;

const LeaseListSchema = z.array(z.object({ taskId: z.string().min(1).max(200), token: z.number().int().min(0) }).strict()).max(10_000);
const HeartbeatBodySchema = z.object({ leases: LeaseListSchema }).strict();
const HeartbeatResponseSchema = z.object({
  renewals: z.array(z.object({ taskId: z.string(), held: z.boolean(), leaseExpiresAt: z.number().nullable(), cancelRequested: z.boolean() })),
});
type HeartbeatResponse = z.infer<typeof HeartbeatResponseSchema>;

/** Long-poll for cancel requests of the tasks this agent holds. */
const CancelWatchBodySchema = z.object({ waitMs: z.number().int().min(0).max(30_000).default(25_000) }).strict();
const CancelWatchResponseSchema = z.object({ taskIds: z.array(z.string()) });
type CancelWatchResponse = z.infer<typeof CancelWatchResponseSchema>;

const TokenSchema = z.number().int().min(0);
const SucceedBodySchema = z.object({ token: TokenSchema, result: z.unknown().optional() }).strict();
const FailBodySchema = z
  .object({
    token: TokenSchema,
    error: ErrorInfoSchema,
    retryable: z.boolean().default(true),
    /** The next attempt waits at least this long (the handler was told when to try again). */
    retryAfterMs: z.number().int().min(0).max(86_400_000).optional(),
  })
  .strict();
const ReleaseBodySchema = z.object({ token: TokenSchema, reason: z.string().max(500).default('released by the agent') }).strict();
const ProgressBodySchema = z.object({ token: TokenSchema, progress: z.unknown() }).strict();
const ConfirmCancelBodySchema = z.object({ token: TokenSchema }).strict();
/**
 * Many reports in one request: the results of a remote agent's tasks that
 * ended close together. Each is checked and applied on its own, as if sent
 * alone; the answer has one result per report, in order.
 */
const ReportSchema = z.discriminatedUnion('outcome', [
  SucceedBodySchema.extend({ outcome: z.literal('succeed'), taskId: z.string().min(1).max(200) }).strict(),
  FailBodySchema.extend({ outcome: z.literal('fail'), taskId: z.string().min(1).max(200) }).strict(),
]);
type Report = z.infer<typeof ReportSchema>;
const ReportsBodySchema = z.object({ reports: z.array(ReportSchema).min(1).max(100) }).strict();
const ReportsResponseSchema = z.object({
  results: z.array(
    z.union([z.object({ taskId: z.string(), ok: z.literal(true) }), z.object({ taskId: z.string(), ok: z.literal(false), problem: ProblemSchema })]),
  ),
});
type ReportsResponse = z.infer<typeof ReportsResponseSchema>;
const StopAgentBodySchema = z.object({ reason: z.string().max(500).default('stopped') }).strict();

export {
  AgentPathSchema,
  AgentTaskPathSchema,
  RegisterAgentBodySchema,
  RegisterAgentResponseSchema,
  ClaimBodySchema,
  ClaimResponseSchema,
  HeartbeatBodySchema,
  HeartbeatResponseSchema,
  CancelWatchBodySchema,
  CancelWatchResponseSchema,
  SucceedBodySchema,
  FailBodySchema,
  ReleaseBodySchema,
  ProgressBodySchema,
  ConfirmCancelBodySchema,
  ReportsBodySchema,
  ReportsResponseSchema,
  StopAgentBodySchema,
};
export type { RegisterAgentResponse, ClaimResponse, HeartbeatResponse, CancelWatchResponse, Report, ReportsResponse };
