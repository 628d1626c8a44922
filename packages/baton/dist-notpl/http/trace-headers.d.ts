import type { IncomingHttpHeaders } from 'node:http';
import { type TraceContext } from '@baton/core';
/**
 * The W3C trace context of a request (`traceparent`, `tracestate`), for the
 * tasks it submits. A malformed header is ignored, as the W3C spec asks of a
 * receiver: the task starts a trace of its own rather than failing.
 */
declare function traceFromHeaders(headers: IncomingHttpHeaders): TraceContext | null;
export { traceFromHeaders };
//# sourceMappingURL=trace-headers.d.ts.map