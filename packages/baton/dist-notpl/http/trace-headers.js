import { TraceparentSchema, TracestateSchema } from '@baton/core';
/**
 * The W3C trace context of a request (`traceparent`, `tracestate`), for the
 * tasks it submits. A malformed header is ignored, as the W3C spec asks of a
 * receiver: the task starts a trace of its own rather than failing.
 */
function traceFromHeaders(headers) {
    const parent = TraceparentSchema.safeParse(headers.traceparent);
    if (!parent.success)
        return null;
    const state = TracestateSchema.safeParse(headers.tracestate);
    return { traceparent: parent.data, tracestate: state.success && state.data !== '' ? state.data : null };
}
export { traceFromHeaders };
//# sourceMappingURL=trace-headers.js.map