import { z } from 'zod';

const HistoryParamsSchema = z.object({ id: z.string().min(1).max(300) }).strict();

/** `asOf`: an ISO 8601 time, or a global event number (the state after that event). */
const HistoryQuerySchema = z
  .object({
    asOf: z.union([z.iso.datetime({ offset: true }), z.string().regex(/^\d{1,15}$/, 'an ISO 8601 time or an event number')]).optional(),
  })
  .strict();

const HistoryResponseSchema = z.object({
  stream: z.string(),
  kind: z.string(),
  events: z.array(z.object({ seq: z.number().int(), version: z.number().int(), type: z.string(), time: z.string(), data: z.unknown() })),
  /** The fold of those events: the state at that point (null when none). */
  state: z.unknown(),
});
type HistoryResponse = z.infer<typeof HistoryResponseSchema>;

export { HistoryParamsSchema, HistoryQuerySchema, HistoryResponseSchema };
export type { HistoryResponse };
