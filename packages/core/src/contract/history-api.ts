import { z } from 'zod';

const HistoryParamsSchema = z.object({ id: z.string().min(1).max(300) }).strict();

/** `asOf`: an ISO 8601 time, or a global event number (the state after that event). */
const HistoryQuerySchema = z
  .object({
    asOf: z.union([z.iso.datetime({ offset: true }), z.string().regex(/^\d{1,15}$/, 'an ISO 8601 time or an event number')]).optional(),
    /** Paging: the stream version after which this page starts, and how many events it holds (1–10,000, 1,000 by default). */
    after: z.coerce.number().int().min(0).optional(),
    limit: z.coerce.number().int().min(1).max(10_000).optional(),
  })
  .strict();

const HistoryResponseSchema = z.object({
  stream: z.string(),
  kind: z.string(),
  events: z.array(z.object({ seq: z.number().int(), version: z.number().int(), type: z.string(), time: z.string(), data: z.unknown() })),
  /** Pass as `after` for the next page; null on the last. */
  nextAfter: z.number().int().nullable(),
  /** The fold of those events: the state at that point (null when none). */
  state: z.unknown(),
});
type HistoryResponse = z.infer<typeof HistoryResponseSchema>;

export { HistoryParamsSchema, HistoryQuerySchema, HistoryResponseSchema };
export type { HistoryResponse };
