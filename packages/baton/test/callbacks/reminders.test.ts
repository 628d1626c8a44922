import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProblemSchema } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { newWebhookSecret, verifyWebhook } from '../../src/callbacks/webhook-signature.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { injectWith, tokenFor } from '../support/auth.js';

const quiet = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Received {
  path: string;
  id: string;
  verified: boolean;
  body: unknown;
}

describe('reminders and HTTP callbacks, with a real receiver that verifies signatures', () => {
  const secret = newWebhookSecret();
  let baton: Baton;
  let app: FastifyInstance;
  let inject: ReturnType<typeof injectWith>;
  let receiver: Server;
  let base: string;
  const received: Received[] = [];
  /** Per path: the statuses to answer in turn; 200 once they run out. */
  const scripts = new Map<string, number[]>();

  beforeAll(async () => {
    receiver = createServer((req: IncomingMessage, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const id = String(req.headers['webhook-id']);
        const verified = verifyWebhook({ secret, id, timestamp: Number(req.headers['webhook-timestamp']), body, signature: String(req.headers['webhook-signature']) });
        received.push({ path: req.url ?? '', id, verified, body: JSON.parse(body) });
        const status = scripts.get(req.url ?? '')?.shift() ?? 200;
        res.writeHead(status, status === 503 ? { 'retry-after': '0' } : {}).end(`status ${status}`);
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    baton = await createBaton({ database: 'sqlite::memory:', logger: quiet, callbacks: { secret, allow: ['127.0.0.1/32'] } });
    app = await createHttpServer({ engine: baton.engine });
    inject = injectWith(app, await tokenFor(baton));
  });
  afterAll(async () => {
    await app.close();
    await baton.close({ graceMs: 100 });
    await new Promise((r) => receiver.close(r));
  });

  it("answers the seed's exact requests with its exact shapes, and calls the address back, signed", async () => {
    const defined = await inject({ method: 'POST', url: '/api/v1/reminders', payload: { hours: 0, minutes: 0, seconds: 1, address: `${base}/api/v1/reminders` } });
    expect(defined.statusCode).toBe(200);
    const body = defined.json() as { id: string; status: string; timeLeft: number };
    expect(Object.keys(body).sort()).toEqual(['id', 'status', 'timeLeft']);
    expect(body.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(body.status).toBe('Active');
    expect(body.timeLeft).toBeGreaterThan(0.5);
    expect(body.timeLeft).toBeLessThanOrEqual(1);
    const active = (await inject({ method: 'GET', url: `/api/v1/reminders/${body.id}` })).json();
    expect(active).toMatchObject({ id: body.id, status: 'Active' });

    let got = active as { status: string; timeLeft: number };
    for (let i = 0; i < 100 && got.status === 'Active'; i++) {
      await sleep(50);
      got = (await inject({ method: 'GET', url: `/api/v1/reminders/${body.id}` })).json();
    }
    expect(got).toEqual({ id: body.id, status: 'Completed', timeLeft: 0 });
    const call = received.find((r) => r.id === `msg_${body.id}`);
    expect(call).toMatchObject({ path: '/api/v1/reminders', verified: true, body: { id: body.id, type: 'reminder.elapsed' } });

    const history = (await inject({ method: 'GET', url: `/api/v1/reminders/${body.id}/events` })).json() as { items: { type: string }[] };
    expect(history.items.map((e) => e.type)).toEqual(['ReminderDefined', 'TaskReady', 'TaskClaimed', 'ReminderCompleted']);
  });

  it('delivers a given body at an absolute time, refuses bad input with problem+json, and knows only reminders', async () => {
    const at = new Date(Date.now() + 300).toISOString();
    const defined = (await inject({ method: 'POST', url: '/api/v1/reminders', payload: { address: `${base}/at`, at, body: { hello: 'world' } } })).json() as { id: string };
    await baton.tasks.await({ taskId: defined.id, timeoutMs: 5_000 });
    expect(received.find((r) => r.path === '/at')).toMatchObject({ verified: true, body: { hello: 'world' } });
    for (const payload of [{ seconds: 1 }, { seconds: -1, address: `${base}/x` }, { seconds: 1, address: 'ftp://x/y' }, { seconds: 1, address: `${base}/x`, extra: 1 }, { seconds: 1, at, address: `${base}/x` }]) {
      const res = await inject({ method: 'POST', url: '/api/v1/reminders', payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(ProblemSchema.parse(res.json()).code).toBe('VALIDATION_FAILED');
    }
    const { task } = await baton.tasks.submit({ type: 'http.callback', payload: { url: `${base}/plain` } });
    expect(ProblemSchema.parse((await inject({ method: 'GET', url: `/api/v1/reminders/${task.id}` })).json()).code).toBe('REMINDER_NOT_FOUND');
  });

  it('retries 503 twice then completes on the third attempt, with one webhook-id; fails a 404 at once', async () => {
    scripts.set('/flaky', [503, 503]);
    const { task } = await baton.tasks.submit({ type: 'http.callback', payload: { url: `${base}/flaky`, body: { n: 1 } }, backoff: { baseMs: 20, jitter: 0 } });
    const done = await baton.tasks.await({ taskId: task.id, timeoutMs: 10_000 });
    expect(done).toMatchObject({ state: 'succeeded', attempt: 3, result: { status: 200, bodyExcerpt: 'status 200' } });
    const attempts = received.filter((r) => r.path === '/flaky');
    expect(attempts).toHaveLength(3);
    expect(new Set(attempts.map((a) => a.id))).toEqual(new Set([`msg_${task.id}`]));
    expect(attempts.every((a) => a.verified)).toBe(true);
    expect(done.errors.map((e) => [e.name, e.details])).toEqual([
      ['RetryLaterError', { status: 503, bodyExcerpt: 'status 503' }],
      ['RetryLaterError', { status: 503, bodyExcerpt: 'status 503' }],
    ]);

    scripts.set('/gone', [404]);
    const { task: gone } = await baton.tasks.submit({ type: 'http.callback', payload: { url: `${base}/gone` }, backoff: { baseMs: 20, jitter: 0 } });
    const failed = await baton.tasks.await({ taskId: gone.id, timeoutMs: 10_000 });
    expect(failed).toMatchObject({ state: 'failed', attempt: 1, endReason: 'not-retryable' });
    expect(failed.errors[0]).toMatchObject({ name: 'NonRetryableError', details: { status: 404, bodyExcerpt: 'status 404' } });
    expect(received.filter((r) => r.path === '/gone')).toHaveLength(1);
  });

  it('reminders aimed at loopback canaries, in every spelling and through a name, reach none of them unless allowlisted', async () => {
    const canaries: { server: Server; port: number; connections: number }[] = [];
    for (const host of ['127.0.0.1', '127.0.0.2', '::1']) {
      const server = createServer((_req, res) => res.end('should never be reached'));
      const canary = { server, port: 0, connections: 0 };
      server.on('connection', () => (canary.connections += 1));
      await new Promise<void>((r) => server.listen(0, host, r));
      canary.port = (server.address() as AddressInfo).port;
      canaries.push(canary);
    }
    const [v4, v4b, v6] = canaries as [(typeof canaries)[0], (typeof canaries)[0], (typeof canaries)[0]];
    const strict = await createBaton({ database: 'sqlite::memory:', logger: quiet, callbacks: { secret } });
    try {
      const addresses = [
        `http://127.0.0.1:${v4.port}/`,
        `http://2130706433:${v4.port}/`,
        `http://0x7f000001:${v4.port}/`,
        `http://0177.0.0.1:${v4.port}/`,
        `http://127.1:${v4.port}/`,
        `http://[::ffff:127.0.0.1]:${v4.port}/`,
        `http://[::ffff:7f00:1]:${v4.port}/`,
        `http://localhost:${v4.port}/`,
        `http://127.0.0.2:${v4b.port}/`,
        `http://[::1]:${v6.port}/`,
        `http://localhost:${v6.port}/`,
        `http://0.0.0.0:${v4.port}/`,
      ];
      const submitted = await Promise.all(addresses.map((address) => strict.tasks.submit({ type: 'reminder', payload: { address } })));
      for (const [i, { task }] of submitted.entries()) {
        const failed = await strict.tasks.await({ taskId: task.id, timeoutMs: 10_000 });
        expect(failed.state, addresses[i]).toBe('failed');
        expect(failed.attempt, addresses[i]).toBe(1);
        expect(failed.errors[0]?.message, addresses[i]).toMatch(/^callback refused: /);
      }
      expect(canaries.map((c) => c.connections)).toEqual([0, 0, 0]);
    } finally {
      await strict.close({ graceMs: 100 });
      for (const c of canaries) await new Promise((r) => c.server.close(r));
    }
  });
});
