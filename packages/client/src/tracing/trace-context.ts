import { ROOT_CONTEXT, createTraceState, isSpanContextValid, trace, type Context, type Span } from '@opentelemetry/api';
import type { TraceContext } from '@baton/core';

/**
 * Between OpenTelemetry's span contexts and the W3C trace context a task
 * carries. Only the API is used: with no OpenTelemetry SDK registered, spans
 * are no-ops, and a trace given in a header or a submission still travels.
 */

/** A context whose parent span is the task's trace (remote), on top of `base`. */
function contextFromTrace(params: { trace: TraceContext | null; base?: Context }): Context {
  const base = params.base ?? ROOT_CONTEXT;
  if (!params.trace) return base;
  const [, traceId = '', spanId = '', flags = '00'] = params.trace.traceparent.split('-');
  return trace.setSpanContext(base, {
    traceId,
    spanId,
    traceFlags: Number.parseInt(flags, 16),
    isRemote: true,
    ...(params.trace.tracestate ? { traceState: createTraceState(params.trace.tracestate) } : {}),
  });
}

/** The span's context as W3C trace context, or null when it has none (no trace active, no SDK and no parent). */
function traceOf(span: Span): TraceContext | null {
  const sc = span.spanContext();
  if (!isSpanContextValid(sc)) return null;
  const flags = (sc.traceFlags & 0xff).toString(16).padStart(2, '0');
  return { traceparent: `00-${sc.traceId}-${sc.spanId}-${flags}`, tracestate: sc.traceState?.serialize() || null };
}

export { contextFromTrace, traceOf };
