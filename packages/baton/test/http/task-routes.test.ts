import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, ProblemSchema } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { injectWith, tokenFor } from '../support/auth.js';

const echo = defineTask({ type: 'echo', schema: z.object({ text: z.string().max(50) }) });
const quiet = { warn: () => undefined, error: () => undefined };

describe('HTTP /v1/tasks through Fastify inject()', () => {
  let baton: Baton;
  let app: FastifyInstance;
  let inject: ReturnType<typeof injectWith>;
  const eventCount = async () => (await baton.events.readAll({ afterSeq: 0, limit: 100_000 })).length;

  beforeAll(async () => {
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [echo], logger: quiet });
    app = await createHttpServer({ engine: baton.engine, bodyLimit: 64 * 1024 });
    inject = injectWith(app, await tokenFor(baton));
  });
  afterAll(async () => {
    await app.close();
    await baton.close();
  });

  const expectProblem = (res: { statusCode: number; headers: Record<string, unknown>; json: () => unknown }, status: number, code: string) => {
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const body = ProblemSchema.parse(res.json());
    expect(body).toMatchObject({ status, code });
    expect(JSON.stringify(body)).not.toMatch(/\n\s+at /);
    return body;
  };

  it('submits, gets, lists and awaits a task', async () => {
    const submitted = await inject({ method: 'POST', url: '/v1/tasks', payload: { type: 'echo', payload: { text: 'hi' }, priority: 2 } });
    expect(submitted.statusCode).toBe(201);
    const { task, created } = submitted.json();
    expect(created).toBe(true);
    expect(task).toMatchObject({ type: 'echo', state: 'queued', priority: 2, payload: { text: 'hi' } });
    expect(task.submittedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    const got = await inject({ method: 'GET', url: `/v1/tasks/${task.id}` });
    expect(got.json()).toEqual({ ...task, waiting: { reason: 'no-agent', message: 'no live agent runs "echo"; it waits until one registers' } });
    const listed = await inject({ method: 'GET', url: '/v1/tasks?state=queued,running&type=echo&limit=10' });
    expect(listed.json().items.map((t: { id: string }) => t.id)).toContain(task.id);
    const notYet = await inject({ method: 'GET', url: `/v1/tasks/${task.id}/await?wait=50ms` });
    expect(notYet.json()).toMatchObject({ done: false, task: { state: 'queued' } });
    const agent = baton.agents.create({ concurrency: 1 });
    agent.handle(echo, async (p) => p.text.toUpperCase());
    await agent.start();
    const awaited = await inject({ method: 'GET', url: `/v1/tasks/${task.id}/await?wait=5s` });
    expect(awaited.json()).toMatchObject({ done: true, task: { state: 'succeeded', result: 'HI' } });
    await agent.stop();
  });

  it('pages the list with an opaque cursor', async () => {
    await inject({ method: 'POST', url: '/v1/tasks/batch', payload: { tasks: Array.from({ length: 5 }, (_, i) => ({ type: 'echo', payload: { text: `p${i}` }, delayMs: 60_000 })) } });
    const first = (await inject({ method: 'GET', url: '/v1/tasks?state=scheduled&limit=3' })).json();
    expect(first.items).toHaveLength(3);
    const second = (await inject({ method: 'GET', url: `/v1/tasks?state=scheduled&limit=3&cursor=${first.nextCursor}` })).json();
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    expect(new Set([...first.items, ...second.items].map((t: { id: string }) => t.id)).size).toBe(5);
  });

  it('honours the Idempotency-Key header', async () => {
    const a = await inject({ method: 'POST', url: '/v1/tasks', headers: { 'idempotency-key': 'hdr-1' }, payload: { type: 'echo', payload: { text: 'a' } } });
    const b = await inject({ method: 'POST', url: '/v1/tasks', headers: { 'idempotency-key': 'hdr-1' }, payload: { type: 'echo', payload: { text: 'b' } } });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(200);
    expect(b.json()).toMatchObject({ created: false, task: { id: a.json().task.id, payload: { text: 'a' } } });
  });

  it('cancels a waiting task, then refuses a second cancel with TASK_FINISHED', async () => {
    const { task } = (await inject({ method: 'POST', url: '/v1/tasks', payload: { type: 'echo', payload: { text: 'c' }, delayMs: 60_000 } })).json();
    const cancelled = await inject({ method: 'POST', url: `/v1/tasks/${task.id}/cancel`, payload: { reason: 'changed my mind' } });
    expect(cancelled.json()).toMatchObject({ state: 'cancelled', endReason: 'changed my mind' });
    expectProblem(await inject({ method: 'POST', url: `/v1/tasks/${task.id}/cancel` }), 409, 'TASK_FINISHED');
  });

  describe('bad input gets a 4xx problem+json and writes no event', () => {
    const cases: [string, InjectOptions, number, string][] = [
      ['malformed JSON', { method: 'POST', url: '/v1/tasks', headers: { 'content-type': 'application/json' }, payload: '{"type": "echo", ' }, 400, 'MALFORMED_JSON'],
      ['an empty JSON body', { method: 'POST', url: '/v1/tasks', headers: { 'content-type': 'application/json' }, payload: '' }, 400, 'MALFORMED_JSON'],
      ['an unknown type', { method: 'POST', url: '/v1/tasks', payload: { type: 'no.such.type', payload: {} } }, 422, 'UNKNOWN_TASK_TYPE'],
      ['a schema violation', { method: 'POST', url: '/v1/tasks', payload: { type: 'echo', payload: { text: 42 } } }, 422, 'PAYLOAD_INVALID'],
      ['an unknown field', { method: 'POST', url: '/v1/tasks', payload: { type: 'echo', payload: { text: 'x' }, colour: 'red' } }, 400, 'VALIDATION_FAILED'],
      ['an oversized body', { method: 'POST', url: '/v1/tasks', payload: { type: 'echo', payload: { text: 'x'.repeat(100_000) } } }, 413, 'PAYLOAD_TOO_LARGE'],
      ['a non-JSON content type', { method: 'POST', url: '/v1/tasks', headers: { 'content-type': 'text/plain' }, payload: 'type=echo' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
      ['a __proto__ key', { method: 'POST', url: '/v1/tasks', headers: { 'content-type': 'application/json' }, payload: '{"type":"echo","payload":{"text":"x","__proto__":{"admin":true}}}' }, 400, 'MALFORMED_JSON'],
      ['a bad batch item', { method: 'POST', url: '/v1/tasks/batch', payload: { tasks: [{ type: 'echo', payload: { text: 'ok' } }, { type: 'echo', payload: {} }] } }, 422, 'PAYLOAD_INVALID'],
      ['an empty batch', { method: 'POST', url: '/v1/tasks/batch', payload: { tasks: [] } }, 400, 'VALIDATION_FAILED'],
      ['a bad state filter', { method: 'GET', url: "/v1/tasks?state=queued'%20OR%201=1--" }, 400, 'VALIDATION_FAILED'],
      ['a forged cursor', { method: 'GET', url: '/v1/tasks?cursor=abc' }, 400, 'VALIDATION_FAILED'],
      ['a bad wait', { method: 'GET', url: '/v1/tasks/x/await?wait=forever' }, 400, 'VALIDATION_FAILED'],
      ['an unknown task', { method: 'GET', url: '/v1/tasks/does-not-exist' }, 404, 'TASK_NOT_FOUND'],
      ['an unknown route', { method: 'GET', url: '/v1/nothing-here' }, 404, 'ROUTE_NOT_FOUND'],
    ];
    for (const [name, request, status, code] of cases) {
      it(name, async () => {
        const before = await eventCount();
        expectProblem(await inject(request), status, code);
        expect(await eventCount()).toBe(before);
      });
    }

    it('names the field path and the rule of a schema violation', async () => {
      const res = await inject({ method: 'POST', url: '/v1/tasks', payload: { type: 'echo', payload: { text: 'y'.repeat(51) } } });
      expect(expectProblem(res, 422, 'PAYLOAD_INVALID').errors).toEqual([{ path: 'payload.text', rule: 'too_big', message: expect.any(String) }]);
    });
  });

  it('answers /healthz', async () => {
    const res = await inject({ method: 'GET', url: '/healthz' });
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('retries over HTTP only a task that ended in failure: 409 otherwise, 400 on a bad body', async () => {
    const { task } = (await inject({ method: 'POST', url: '/v1/tasks', payload: { type: 'echo', payload: { text: 'r' } } })).json();
    const early = await inject({ method: 'POST', url: `/v1/tasks/${task.id}/retry`, payload: {} });
    expectProblem(early, 409, 'TASK_NOT_ENDED_IN_FAILURE');
    await inject({ method: 'POST', url: `/v1/tasks/${task.id}/cancel`, payload: {} });
    expectProblem(await inject({ method: 'POST', url: `/v1/tasks/${task.id}/retry`, payload: { attempts: 0 } }), 400, 'VALIDATION_FAILED');
    const retried = await inject({ method: 'POST', url: `/v1/tasks/${task.id}/retry`, payload: { attempts: 2, reason: 'try again' } });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id: task.id, state: 'queued', maxAttempts: 2 });
    expectProblem(await inject({ method: 'POST', url: '/v1/tasks/nope/retry', payload: {} }), 404, 'TASK_NOT_FOUND');
  });

  it('lists with every filter as a bound parameter: idempotency-key prefix, time range, holder, oldest first', async () => {
    const before = new Date(Date.now() - 1_000).toISOString();
    const made = [];
    for (const key of ['inv-100', 'inv-101', 'other-1']) {
      made.push((await inject({ method: 'POST', url: '/v1/tasks', payload: { type: 'echo', payload: { text: key }, idempotencyKey: key } })).json().task.id);
    }
    const byKey = await inject({ method: 'GET', url: `/v1/tasks?idempotencyKey=inv-&order=oldest&submittedAfter=${encodeURIComponent(before)}` });
    expect(byKey.statusCode).toBe(200);
    expect(byKey.json().items.map((t: { id: string }) => t.id)).toEqual(made.slice(0, 2));
    const future = encodeURIComponent(new Date(Date.now() + 60_000).toISOString());
    expect((await inject({ method: 'GET', url: `/v1/tasks?submittedAfter=${future}` })).json().items).toEqual([]);
    expect((await inject({ method: 'GET', url: '/v1/tasks?agent=nobody' })).json().items).toEqual([]);
    expectProblem(await inject({ method: 'GET', url: '/v1/tasks?submittedAfter=yesterday' }), 400, 'VALIDATION_FAILED');
    expectProblem(await inject({ method: 'GET', url: '/v1/tasks?order=sideways' }), 400, 'VALIDATION_FAILED');
  });
});
