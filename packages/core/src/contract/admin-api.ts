import { z } from 'zod';
import { FlowLimitsViewSchema, RateLimitSchema, type FlowLimitsView } from '../domain/flow-limits.js';
import { TokenScopeSchema } from '../domain/api-token.js';

/** A paused (or once-paused) task type as the API shows it. */
const TypeControlResourceSchema = z.object({ type: z.string(), paused: z.boolean(), reason: z.string().nullable(), updatedAt: z.string() });
type TypeControlResource = z.infer<typeof TypeControlResourceSchema>;
const TypeControlListSchema = z.object({ items: z.array(TypeControlResourceSchema) });

/** The body of PUT /v1/limits/types/{type} and /v1/limits/keys/{key}: null (or absent) lifts a limit. */
const LimitsBodySchema = z
  .object({
    concurrency: z.number().int().min(1).max(1_000_000).nullable().optional(),
    rate: RateLimitSchema.nullable().optional(),
  })
  .strict();
const LimitKeyParamsSchema = z.object({ key: z.string().min(1).max(200) }).strict();
const FlowLimitsResourceSchema = FlowLimitsViewSchema.omit({ version: true }).extend({ updatedAt: z.string() });
type FlowLimitsResource = z.infer<typeof FlowLimitsResourceSchema>;
const FlowLimitsListSchema = z.object({ items: z.array(FlowLimitsResourceSchema) });
const toFlowLimitsResource = (l: FlowLimitsView): FlowLimitsResource => ({ scope: l.scope, concurrency: l.concurrency, rate: l.rate, updatedAt: new Date(l.updatedAt).toISOString() });

/** GET /v1/stats: what the dashboard's overview draws. Counts are read at `at`; the head is the log's last sequence number. */
const StatsResponseSchema = z.object({
  at: z.string(),
  tasks: z.array(z.object({ state: z.string(), type: z.string(), count: z.number().int() })),
  eventHead: z.number().int(),
  agents: z.object({ live: z.number().int(), lost: z.number().int(), stopped: z.number().int() }),
});
type StatsResponse = z.infer<typeof StatsResponseSchema>;

/** A token as listed: never its hash, never its secret. */
const TokenResourceSchema = z.object({ id: z.string(), name: z.string(), scopes: z.array(TokenScopeSchema), revoked: z.boolean(), issuedAt: z.string() });
type TokenResource = z.infer<typeof TokenResourceSchema>;
/** The answer to issuing a token: the only place its secret ever appears. */
const IssuedTokenSchema = TokenResourceSchema.extend({ token: z.string() });
type IssuedToken = z.infer<typeof IssuedTokenSchema>;
const TokenListSchema = z.object({ items: z.array(TokenResourceSchema) });

const IssueTokenBodySchema = z.object({ name: z.string().min(1).max(100), scopes: z.array(TokenScopeSchema).min(1).max(4) }).strict();
const TokenIdParamsSchema = z.object({ id: z.string().regex(/^[0-9a-f]{12}$/, 'a token id') }).strict();
const RevokeTokenBodySchema = z.object({ reason: z.string().max(500).optional() }).strict();

export {
  TypeControlResourceSchema,
  LimitsBodySchema,
  LimitKeyParamsSchema,
  FlowLimitsResourceSchema,
  FlowLimitsListSchema,
  toFlowLimitsResource,
  TypeControlListSchema,
  TokenResourceSchema,
  IssuedTokenSchema,
  TokenListSchema,
  IssueTokenBodySchema,
  TokenIdParamsSchema,
  RevokeTokenBodySchema,
  StatsResponseSchema,
};
export type { FlowLimitsResource, TypeControlResource, TokenResource, IssuedToken, StatsResponse };
