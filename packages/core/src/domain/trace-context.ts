import { z } from 'zod';

/**
 * W3C Trace Context (version 00): `00-<32 hex trace id>-<16 hex parent id>-<2 hex flags>`,
 * neither id all zeros. Carried in a task so a handler's spans join the
 * submitter's trace, wherever and whenever the task runs.
 */
const TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$/;

const TraceparentSchema = z.string().regex(TRACEPARENT, 'a W3C traceparent: 00-<32 hex>-<16 hex>-<2 hex>, ids not all zeros');
/** Vendor entries, carried as they came (the W3C limit is 32 entries; 512 characters is plenty). */
const TracestateSchema = z.string().max(512);

const TraceContextSchema = z.object({ traceparent: TraceparentSchema, tracestate: TracestateSchema.nullable() }).strict();
type TraceContext = z.infer<typeof TraceContextSchema>;

export { TraceparentSchema, TracestateSchema, TraceContextSchema };
export type { TraceContext };
