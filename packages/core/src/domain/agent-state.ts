import { z } from 'zod';

/** live: heartbeating; lost: its heartbeats stopped (it may come back); stopped: it said goodbye. */
const AgentStateSchema = z.enum(['live', 'lost', 'stopped']);
type AgentState = z.infer<typeof AgentStateSchema>;

/** What an agent says about itself, so tasks can be routed to it by service and tags. */
const AgentLabelsSchema = z
  .object({
    service: z.string().min(1).max(100).nullable(),
    tags: z.array(z.string().min(1).max(100)).max(50),
  })
  .strict();
type AgentLabels = z.infer<typeof AgentLabelsSchema>;

/** The projection of one agent stream (`agent:<id>`): exactly the fold of its events. */
const AgentViewSchema = z
  .object({
    id: z.string(),
    host: z.string(),
    labels: AgentLabelsSchema,
    types: z.array(z.string()),
    concurrency: z.number().int(),
    state: AgentStateSchema,
    registeredAt: z.number(),
    updatedAt: z.number(),
    /** Why it left: the stop reason, or when it was last seen before it was declared lost. */
    endReason: z.string().nullable(),
    version: z.number().int(),
  })
  .strict();
type AgentView = z.infer<typeof AgentViewSchema>;

/** Agent streams share the log with task streams; the prefix keeps their ids apart. */
function agentStreamId(agentId: string): string {
  return `agent:${agentId}`;
}

export { AgentStateSchema, AgentLabelsSchema, AgentViewSchema, agentStreamId };
export type { AgentState, AgentLabels, AgentView };
