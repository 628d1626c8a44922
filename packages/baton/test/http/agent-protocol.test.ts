import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, ProblemSchema } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { tokenFor } from '../support/auth.js';

const job = defineTask({ type: 'job', schema: z.object({ n: z.number() }) });
const quiet = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The remote agent protocol through a real socket: long-polls depend on connections opening and closing. */
describe('HTTP remote agent protocol', () => {
  let baton: Baton;
  let app: FastifyInstance;
  let url: string;
  let token: string;
  const call = async (method: string, path: string, body?: unknown, signal?: AbortSignal) => {
    const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), signal });
    return { status: res.status, json: (await res.json()) as Record<string, any> };
  };

  beforeAll(async () => {
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [job], logger: quiet, leaseMs: 3_000 });
    app = await createHttpServer({ engine: baton.engine });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    // An agent-scoped token: the protocol is what such a token is for.
    token = await tokenFor(baton, ['agent']);
    await call('PUT', '/v1/agents/remote-1', { host: 'far.away', types: ['job'], concurrency: 4 });
  });
  afterAll(async () => {
    await app.close();
    await baton.close();
  });

  it('registers, answering with the lease and the heartbeat interval', async () => {
    const res = await call('PUT', '/v1/agents/remote-1', { host: 'far.away', labels: { service: 'jobs', tags: ['x'] }, types: ['job'], concurrency: 4 });
    expect(res).toEqual({ status: 200, json: { leaseMs: 3_000, heartbeatMs: 1_000 } });
    expect(await baton.agents.get({ agentId: 'remote-1' })).toMatchObject({ state: 'live', host: 'far.away', labels: { service: 'jobs', tags: ['x'] } });
  });

  it('long-polls a claim: waits while the queue is empty and answers as soon as work arrives', async () => {
    const t0 = Date.now();
    const empty = await call('POST', '/v1/agents/remote-1/claim', { types: ['job'], limit: 2, waitMs: 400 });
    expect(empty).toEqual({ status: 200, json: { tasks: [] } });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(380);

    const waiting = call('POST', '/v1/agents/remote-1/claim', { types: ['job'], limit: 2, waitMs: 10_000 });
    await sleep(100);
    const submittedAt = Date.now();
    const { task } = await baton.tasks.submit({ type: 'job', payload: { n: 1 } });
    const claimed = await waiting;
    expect(Date.now() - submittedAt).toBeLessThan(500);
    expect(claimed.json.tasks).toMatchObject([{ id: task.id, token: 1, attempt: 1, payload: { n: 1 } }]);

    const hb = await call('POST', '/v1/agents/remote-1/heartbeat', { leases: [{ taskId: task.id, token: 1 }] });
    expect(hb.json.renewals).toMatchObject([{ taskId: task.id, held: true, cancelRequested: false }]);
    expect((await call('POST', `/v1/agents/remote-1/tasks/${task.id}/progress`, { token: 1, progress: { half: true } })).status).toBe(200);
    expect((await call('POST', `/v1/agents/remote-1/tasks/${task.id}/succeed`, { token: 1, result: 'done' })).status).toBe(200);
    expect(await baton.tasks.get({ taskId: task.id })).toMatchObject({ state: 'succeeded', result: 'done', progress: { half: true } });
    const again = await call('POST', `/v1/agents/remote-1/tasks/${task.id}/succeed`, { token: 1, result: 'twice' });
    expect(again.status).toBe(409);
    expect(ProblemSchema.parse(again.json).code).toBe('TASK_NOT_RUNNING');
  });

  it('claims nothing for a long-poll whose client has gone away', async () => {
    const controller = new AbortController();
    const gone = call('POST', '/v1/agents/remote-1/claim', { types: ['job'], limit: 1, waitMs: 10_000 }, controller.signal).catch(() => 'aborted');
    await sleep(100);
    controller.abort();
    expect(await gone).toBe('aborted');
    await sleep(100);
    const { task } = await baton.tasks.submit({ type: 'job', payload: { n: 2 } });
    await sleep(200);
    expect((await baton.tasks.get({ taskId: task.id })).state).toBe('queued');
    await baton.tasks.cancel({ taskId: task.id });
  });

  it('hands a cancel request to the agent holding the task through the cancel long-poll, and takes fenced fail, release and confirm-cancel', async () => {
    const { task } = await baton.tasks.submit({ type: 'job', payload: { n: 3 } });
    const [claimed] = (await call('POST', '/v1/agents/remote-1/claim', { types: ['job'], limit: 1 })).json.tasks;
    expect(claimed.id).toBe(task.id);
    const watch = call('POST', '/v1/agents/remote-1/cancels', { waitMs: 10_000 });
    await sleep(100);
    await baton.tasks.cancel({ taskId: task.id });
    expect((await watch).json).toEqual({ taskIds: [task.id] });
    // A watch that starts after the request still finds it.
    expect((await call('POST', '/v1/agents/remote-1/cancels', { waitMs: 5_000 })).json).toEqual({ taskIds: [task.id] });
    expect((await call('POST', `/v1/agents/remote-1/tasks/${task.id}/confirm-cancel`, { token: claimed.token })).status).toBe(200);
    expect((await baton.tasks.get({ taskId: task.id })).state).toBe('cancelled');

    const { task: other } = await baton.tasks.submit({ type: 'job', payload: { n: 4 } });
    const [second] = (await call('POST', '/v1/agents/remote-1/claim', { types: ['job'], limit: 1 })).json.tasks;
    expect((await call('POST', `/v1/agents/remote-1/tasks/${other.id}/release`, { token: second.token })).status).toBe(200);
    const [third] = (await call('POST', '/v1/agents/remote-1/claim', { types: ['job'], limit: 1 })).json.tasks;
    const failed = await call('POST', `/v1/agents/remote-1/tasks/${other.id}/fail`, { token: third.token, error: { name: 'Boom', message: 'no' }, retryable: false });
    expect(failed.status).toBe(200);
    expect(await baton.tasks.get({ taskId: other.id })).toMatchObject({ state: 'failed', errors: [{ name: 'Boom' }] });
  });

  it('refuses bad protocol input with 400 problem+json and writes nothing', async () => {
    const before = (await baton.events.readAll({ afterSeq: 0, limit: 100_000 })).length;
    const bad = [
      ['PUT', '/v1/agents/bad%20id', { host: 'h', types: ['job'], concurrency: 1 }],
      ['PUT', '/v1/agents/ok', { host: 'h', types: [], concurrency: 1 }],
      ['PUT', '/v1/agents/ok', { host: 'h', types: ['job'], concurrency: 0 }],
      ['POST', '/v1/agents/ok/claim', { types: ['job'], limit: 0 }],
      ['POST', '/v1/agents/ok/claim', { types: ['job'], limit: 1, waitMs: 999_999 }],
      ['POST', '/v1/agents/ok/heartbeat', { leases: [{ taskId: 'x', token: -1 }] }],
      ['POST', '/v1/agents/ok/tasks/x/succeed', { token: 'one' }],
      ['POST', '/v1/agents/ok/tasks/x/fail', { token: 1, error: { message: 'no name' } }],
      ['POST', '/v1/agents/ok/tasks/x/succeed', '{"token": 1, "__proto__": {"polluted": true}}'],
      ['POST', '/v1/agents/ok/tasks/x/succeed', '{"token": 1,'],
      ['POST', '/v1/agents/ok/reports', { reports: [] }],
      ['POST', '/v1/agents/ok/reports', { reports: [{ outcome: 'finish', taskId: 'x', token: 1 }] }],
      ['POST', '/v1/agents/ok/reports', { reports: [{ outcome: 'succeed', token: 1 }] }],
      ['POST', '/v1/agents/ok/reports', { reports: Array.from({ length: 101 }, (_, i) => ({ outcome: 'succeed', taskId: `t${i}`, token: 1 })) }],
    ] as const;
    for (const [method, path, body] of bad) {
      const res = await call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(ProblemSchema.safeParse(res.json).success).toBe(true);
    }
    expect((await baton.events.readAll({ afterSeq: 0, limit: 100_000 })).length).toBe(before);
  });

  it('takes many reports in one request, each fenced and answered on its own, in order', async () => {
    const submitted = await baton.tasks.submitMany({ tasks: [1, 2, 3, 4].map((n) => ({ type: 'job', payload: { n } })) });
    const claimed = (await call('POST', '/v1/agents/remote-1/claim', { types: ['job'], limit: 4 })).json.tasks as { id: string; token: number }[];
    expect(claimed).toHaveLength(4);
    const [a, b, c, d] = claimed as [(typeof claimed)[0], (typeof claimed)[0], (typeof claimed)[0], (typeof claimed)[0]];
    const res = await call('POST', '/v1/agents/remote-1/reports', {
      reports: [
        { outcome: 'succeed', taskId: a.id, token: a.token, result: { n: 'a' } },
        { outcome: 'fail', taskId: b.id, token: b.token, error: { name: 'Boom', message: 'no' }, retryable: false },
        // A stale token: refused, and only this report.
        { outcome: 'succeed', taskId: c.id, token: c.token + 5 },
        { outcome: 'succeed', taskId: 'no-such-task', token: 1 },
        { outcome: 'succeed', taskId: d.id, token: d.token },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: { taskId: string; ok: boolean; problem?: { code: string } }) => [r.taskId, r.ok, r.problem?.code ?? null])).toEqual([
      [a.id, true, null],
      [b.id, true, null],
      [c.id, false, 'STALE_LEASE'],
      ['no-such-task', false, 'TASK_NOT_FOUND'],
      [d.id, true, null],
    ]);
    const states = await Promise.all(claimed.map((t) => baton.tasks.get({ taskId: t.id })));
    expect(states.map((t) => t?.state)).toEqual(['succeeded', 'failed', 'running', 'succeeded']);
    expect(states[0]?.result).toEqual({ n: 'a' });
    expect(submitted).toHaveLength(4);
    // The refused one is still the agent's to report.
    expect((await call('POST', '/v1/agents/remote-1/reports', { reports: [{ outcome: 'succeed', taskId: c.id, token: c.token }] })).json.results).toEqual([{ taskId: c.id, ok: true }]);
  });

  it("the SDK's HTTP transport sends reports that end together in few requests, and a refusal still reaches its caller", async () => {
    const { createHttpAgentTransport } = await import('@baton/client');
    const paths: string[] = [];
    const counting: typeof fetch = (input, init) => {
      paths.push(new URL(String(input)).pathname);
      return fetch(input, init);
    };
    const transport = createHttpAgentTransport({ url, token, fetch: counting });
    await baton.tasks.submitMany({ tasks: Array.from({ length: 20 }, (_, n) => ({ type: 'job', payload: { n } })) });
    const claimed = await transport.claim({ agentId: 'remote-1', types: ['job'], limit: 20, waitMs: 0, signal: new AbortController().signal });
    expect(claimed).toHaveLength(20);
    const [stale, ...rest] = claimed as [(typeof claimed)[0], ...typeof claimed];
    const outcomes = await Promise.allSettled([
      transport.succeed({ agentId: 'remote-1', taskId: stale.id, token: stale.token + 1, result: null }),
      ...rest.map((t) => transport.succeed({ agentId: 'remote-1', taskId: t.id, token: t.token, result: t.id })),
    ]);
    expect(outcomes[0]).toMatchObject({ status: 'rejected', reason: { code: 'STALE_LEASE' } });
    expect(outcomes.slice(1).every((o) => o.status === 'fulfilled')).toBe(true);
    const reportRequests = paths.filter((p) => p.endsWith('/reports'));
    // Reports made in one turn go together: 20 reports, a request or two, where one by one they were 20.
    expect(reportRequests.length).toBeLessThanOrEqual(3);
    expect(paths.some((p) => p.endsWith('/succeed'))).toBe(false);
    for (const t of rest) expect(await baton.tasks.get({ taskId: t.id })).toMatchObject({ state: 'succeeded', result: t.id });
  });
});
