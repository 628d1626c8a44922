import { z } from 'zod';
import { AgentLabelsSchema } from './agent-state.js';

const AgentRegisteredSchema = z.object({
  type: z.literal('AgentRegistered'),
  data: z
    .object({ host: z.string(), labels: AgentLabelsSchema, types: z.array(z.string()), concurrency: z.number().int() })
    .strict(),
});

const AgentLostSchema = z.object({
  type: z.literal('AgentLost'),
  data: z.object({ lastSeenAt: z.number() }).strict(),
});

const AgentStoppedSchema = z.object({
  type: z.literal('AgentStopped'),
  data: z.object({ reason: z.string() }).strict(),
});

const AgentEventSchema = z.discriminatedUnion('type', [AgentRegisteredSchema, AgentLostSchema, AgentStoppedSchema]);
type AgentEvent = z.infer<typeof AgentEventSchema>;

export { AgentEventSchema };
export type { AgentEvent };
