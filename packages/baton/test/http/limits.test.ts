import { connect } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, ProblemSchema } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { tokenFor } from '../support/auth.js';

const echo = defineTask({ type: 'echo', schema: z.object({}) });
const quiet = { warn: () => undefined, error: () => undefined };

/** Sends raw bytes and returns the raw answer: the parser's refusals happen below fetch and inject. */
function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(text));
    let answer = '';
    socket.on('data', (d) => (answer += d.toString()));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    setTimeout(() => {
      socket.destroy();
      resolve(answer);
    }, 3_000).unref();
  });
}

describe('HTTP limits', () => {
  let baton: Baton;
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [echo], logger: quiet });
    app = await createHttpServer({ engine: baton.engine, rateLimit: { perSecond: 5, burst: 5 }, maxWaiters: 1, maxStreams: 1 });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(url).port);
  });
  afterAll(async () => {
    await app.close();
    await baton.close();
  });

  it('answers 429 with Retry-After once a token spends its burst, and other tokens are not affected', async () => {
    const busy = await tokenFor(baton, ['read']);
    const calm = await tokenFor(baton, ['read']);
    const statuses: number[] = [];
    let limited: Response | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/v1/tasks`, { headers: { authorization: `Bearer ${busy}` } });
      statuses.push(res.status);
      if (res.status === 429) limited = res;
      else await res.arrayBuffer();
    }
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    expect(statuses.slice(5)).toContain(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(ProblemSchema.parse(await limited!.json())).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect((await fetch(`http://127.0.0.1:${port}/v1/tasks`, { headers: { authorization: `Bearer ${calm}` } })).status).toBe(200);
  });

  it('caps the long-polls a node holds open: past the cap a waiting request gets 503, a non-waiting one still works', async () => {
    const token = await tokenFor(baton, ['admin']);
    const { task } = await baton.tasks.submit({ type: 'echo', payload: {}, delayMs: 60_000 });
    const headers = { authorization: `Bearer ${token}` };
    const first = fetch(`http://127.0.0.1:${port}/v1/tasks/${task.id}/await?wait=1500ms`, { headers });
    await new Promise((r) => setTimeout(r, 200));
    const second = await fetch(`http://127.0.0.1:${port}/v1/tasks/${task.id}/await?wait=1500ms`, { headers });
    expect(second.status).toBe(503);
    expect(ProblemSchema.parse(await second.json())).toMatchObject({ code: 'TOO_MANY_WAITERS' });
    expect((await fetch(`http://127.0.0.1:${port}/v1/tasks/${task.id}/await?wait=0`, { headers })).status).toBe(200);
    expect((await first).status).toBe(200);
  });

  it('answers headers over 16 KiB with 431 problem+json, and broken HTTP with 400 problem+json', async () => {
    const big = await rawRequest(port, `GET /v1/tasks HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expect(big).toMatch(/^HTTP\/1\.1 431 /);
    expect(big).toMatch(/content-type: application\/problem\+json/);
    expect(JSON.parse(big.slice(big.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'HEADERS_TOO_LARGE', status: 431 });
    const broken = await rawRequest(port, 'THIS IS NOT HTTP\r\n\r\n');
    expect(broken).toMatch(/^HTTP\/1\.1 400 /);
    expect(JSON.parse(broken.slice(broken.indexOf('\r\n\r\n') + 4))).toMatchObject({ code: 'MALFORMED_REQUEST' });
  });

  it('caps open event streams: past the cap a new stream gets 503 TOO_MANY_STREAMS', async () => {
    const token = await tokenFor(baton, ['read']);
    const controller = new AbortController();
    const first = await fetch(`http://127.0.0.1:${port}/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(first.status).toBe(200);
    const second = await fetch(`http://127.0.0.1:${port}/v1/events`, { headers: { authorization: `Bearer ${token}` } });
    expect(second.status).toBe(503);
    expect(ProblemSchema.parse(await second.json())).toMatchObject({ code: 'TOO_MANY_STREAMS' });
    controller.abort();
  });
});
