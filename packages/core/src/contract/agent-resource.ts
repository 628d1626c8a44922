import { z } from 'zod';
import { AgentStateSchema, AgentViewSchema } from '../domain/agent-state.js';
import type { AgentInfo } from '../ports/task-store.js';
import { csv } from './task-api.js';

/** An agent as the API shows it: the projection, its liveness and load, times as ISO 8601. */
const AgentResourceSchema = AgentViewSchema.extend({
  registeredAt: z.string(),
  updatedAt: z.string(),
  lastSeenAt: z.string().nullable(),
  aliveUntil: z.string().nullable(),
  /** Tasks it runs now, and how full it is (running / concurrency). */
  running: z.number().int(),
  load: z.number(),
  taskIds: z.array(z.string()),
});
type AgentResource = z.infer<typeof AgentResourceSchema>;

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

function toAgentResource(agent: AgentInfo): AgentResource {
  return {
    ...agent,
    registeredAt: new Date(agent.registeredAt).toISOString(),
    updatedAt: new Date(agent.updatedAt).toISOString(),
    lastSeenAt: iso(agent.lastSeenAt),
    aliveUntil: iso(agent.aliveUntil),
    running: agent.taskIds.length,
    load: agent.concurrency > 0 ? agent.taskIds.length / agent.concurrency : 0,
  };
}

const ListAgentsQuerySchema = z.object({ state: csv(AgentStateSchema).optional() }).strict();
const AgentIdParamsSchema = z.object({ id: z.string().min(1).max(200) }).strict();
const AgentListResponseSchema = z.object({ items: z.array(AgentResourceSchema) });
type AgentListResponse = z.infer<typeof AgentListResponseSchema>;

export { AgentResourceSchema, toAgentResource, ListAgentsQuerySchema, AgentIdParamsSchema, AgentListResponseSchema };
export type { AgentResource, AgentListResponse };
