import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { defineTask } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { injectWith, tokenFor } from '../support/auth.js';

const work = defineTask({ type: 'work', schema: z.object({ n: z.number() }) });
const quiet = { warn: () => undefined, error: () => undefined };

// This file's process gets an OpenTelemetry SDK of its own (vitest runs each file in its own fork).
const exporter = new InMemorySpanExporter();
const provider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
trace.setGlobalTracerProvider(provider);
context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());

const parentOf = (span: ReadableSpan): string | undefined =>
  (span as unknown as { parentSpanContext?: { spanId: string } }).parentSpanContext?.spanId ?? (span as unknown as { parentSpanId?: string }).parentSpanId;
const named = (name: string) => exporter.getFinishedSpans().filter((s) => s.name === name);

describe('OpenTelemetry: submit, run and the handler in one trace', () => {
  let baton: Baton;
  let app: FastifyInstance;
  let inject: ReturnType<typeof injectWith>;
  beforeAll(async () => {
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [work], logger: quiet });
    app = await createHttpServer({ engine: baton.engine });
    inject = injectWith(app, await tokenFor(baton));
    const agent = baton.agents.create({ id: 'traced' });
    agent.handle(work, async ({ n }) => {
      // A handler's own span joins the trace it runs in.
      const span = trace.getTracer('app').startSpan('handler-work');
      span.end();
      return n;
    });
    await agent.start();
  });
  afterAll(async () => {
    await app.close();
    await baton.close({ graceMs: 100 });
  });
  beforeEach(() => exporter.reset());

  it('a submission inside the caller\'s span: submit, run and the handler\'s span are its descendants, and the task carries the trace', async () => {
    const tracer = trace.getTracer('app');
    const { task, checkout } = await tracer.startActiveSpan('checkout', async (span) => {
      const submitted = await baton.tasks.submit({ type: 'work', payload: { n: 1 } });
      span.end();
      return { task: submitted.task, checkout: span.spanContext() };
    });
    await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    await new Promise((r) => setTimeout(r, 50));
    const [submit] = named('baton.submit');
    const [run] = named('baton.run work');
    const [handler] = named('handler-work');
    expect(submit && run && handler).toBeTruthy();
    expect(parentOf(submit!)).toBe(checkout.spanId);
    expect(parentOf(run!)).toBe(submit!.spanContext().spanId);
    expect(parentOf(handler!)).toBe(run!.spanContext().spanId);
    for (const span of [submit!, run!, handler!]) expect(span.spanContext().traceId).toBe(checkout.traceId);
    expect(task.trace).toEqual({ traceparent: `00-${checkout.traceId}-${submit!.spanContext().spanId}-01`, tracestate: null });
    expect(run!.attributes).toMatchObject({ 'baton.task.id': task.id, 'baton.task.type': 'work', 'baton.task.attempt': 1, 'baton.agent.id': 'traced' });
  });

  it('over HTTP the traceparent header is the parent; a malformed header is ignored; a malformed body field is refused', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const callerSpan = '00f067aa0ba902b7';
    const res = await inject({ method: 'POST', url: '/v1/tasks', headers: { traceparent: `00-${traceId}-${callerSpan}-01`, tracestate: 'vendor=1' }, payload: { type: 'work', payload: { n: 2 } } });
    expect(res.statusCode).toBe(201);
    const { task } = res.json() as { task: { id: string; trace: { traceparent: string; tracestate: string | null } } };
    await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    await new Promise((r) => setTimeout(r, 50));
    const [submit] = named('baton.submit');
    const [run] = named('baton.run work');
    expect(parentOf(submit!)).toBe(callerSpan);
    expect(submit!.spanContext().traceId).toBe(traceId);
    expect(run!.spanContext().traceId).toBe(traceId);
    expect(parentOf(run!)).toBe(submit!.spanContext().spanId);
    expect(task.trace.traceparent).toBe(`00-${traceId}-${submit!.spanContext().spanId}-01`);
    expect(task.trace.tracestate).toBe('vendor=1');

    const ignored = await inject({ method: 'POST', url: '/v1/tasks', headers: { traceparent: 'not-a-trace' }, payload: { type: 'work', payload: { n: 3 } } });
    expect(ignored.statusCode).toBe(201);
    expect((ignored.json() as { task: { trace: { traceparent: string } } }).task.trace.traceparent).not.toContain('not-a-trace');

    const refused = await inject({ method: 'POST', url: '/v1/tasks', payload: { type: 'work', payload: { n: 4 }, traceparent: `00-${'0'.repeat(32)}-${callerSpan}-01` } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: 'traceparent', rule: 'invalid_format' }] });
  });

  it('a job\'s tasks carry the trace of its submission', async () => {
    const { job, parent } = await trace.getTracer('app').startActiveSpan('deploy', async (span) => {
      const submitted = await baton.jobs.submit({ tasks: [{ key: 'a', type: 'work', payload: { n: 1 } }, { key: 'b', type: 'work', payload: { n: 2 }, dependsOn: ['a'] }] });
      span.end();
      return { job: submitted.job, parent: span.spanContext() };
    });
    await baton.jobs.await({ jobId: job.id, timeoutMs: 5_000 });
    await new Promise((r) => setTimeout(r, 50));
    const runs = named('baton.run work');
    expect(runs).toHaveLength(2);
    const [submitJob] = named('baton.submit job');
    expect(parentOf(submitJob!)).toBe(parent.spanId);
    for (const run of runs) {
      expect(run.spanContext().traceId).toBe(parent.traceId);
      expect(parentOf(run)).toBe(submitJob!.spanContext().spanId);
    }
  });
});
