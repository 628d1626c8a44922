import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, ProblemSchema } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { tokenFor } from '../support/auth.js';

const echo = defineTask({ type: 'echo', schema: z.object({ text: z.string().max(50) }) });
const quiet = { warn: () => undefined, error: () => undefined };

/** Strings an attacker tries in ids, filters and fields. */
const nasty = fc.oneof(
  fc.constantFrom(
    "' OR 1=1 --",
    '"; DROP TABLE events; --',
    '../../etc/passwd',
    '..%2f..%2fetc%2fpasswd',
    '%00',
    '\u0000',
    '${jndi:ldap://x}',
    '<script>alert(1)</script>',
    '__proto__',
    'constructor',
    '0x7fffffffffffffff',
    '-1',
    'NaN',
    '1e309',
    '🙂'.repeat(50),
    'a'.repeat(3_000),
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);

/** JSON bodies that are wrong in every way but valid JSON text, and texts that are not JSON at all. */
const badJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc.record({ type: nasty, payload: fc.anything({ maxDepth: 2 }), priority: fc.anything({ maxDepth: 1 }) }).map((v) => JSON.stringify(v)),
  fc.record({ token: fc.oneof(nasty, fc.double(), fc.integer({ min: -5, max: -1 })), result: fc.anything({ maxDepth: 1 }) }).map((v) => JSON.stringify(v)),
  fc.record({ tasks: fc.array(fc.anything({ maxDepth: 1 }), { maxLength: 3 }) }).map((v) => JSON.stringify(v)),
  fc.constantFrom('{"__proto__": {"polluted": true}}', '{"constructor": {"prototype": {"polluted": true}}}', '{', '{"a":', 'null', '[]', '"x"', '', 'not json at all', '{"type": "echo", "payload": {"text": 1}}'),
  nasty.map((v) => JSON.stringify({ type: 'echo', payload: { text: v }, idempotencyKey: v, runAt: v })),
);

describe('hostile input: 1,200 generated bad requests over every route', () => {
  let baton: Baton;
  let app: FastifyInstance;
  let token: string;

  beforeAll(async () => {
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [echo], logger: quiet });
    app = await createHttpServer({ engine: baton.engine, bodyLimit: 64 * 1024 });
    await app.ready();
    token = await tokenFor(baton, ['admin']);
  });
  afterAll(async () => {
    await app.close();
    await baton.close();
  });

  it('answers a broken percent-encoding and an over-long path parameter as problem+json from the router', async () => {
    for (const url of ['/v1/tasks/%E0%A4%A', `/v1/tasks/${'x'.repeat(500)}`]) {
      const res = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(ProblemSchema.parse(res.json()).code).toMatch(/^(VALIDATION_FAILED|URI_TOO_LONG|TASK_NOT_FOUND)$/);
    }
  });

  it('answers every one with a 4xx problem+json, never 5xx, and writes no event', async () => {
    const routes = app.routeTable.filter((r) => r.url !== '/v1/events' && !r.url.endsWith('/await') && !r.url.endsWith('/claim') && !r.url.endsWith('/cancels'));
    const before = (await baton.events.readAll({ afterSeq: 0, limit: 100_000 })).length;
    // Long-polls get a zero wait so the run stays quick; they are exercised like the rest.
    const waits = ['/v1/tasks/:id/await', '/v1/jobs/:id/await', '/v1/agents/:agentId/claim', '/v1/agents/:agentId/cancels'];
    const statuses = new Map<number, number>();
    let count = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes.map((r) => `${r.method} ${r.url}`), ...waits.map((w) => `${w.endsWith('await') ? 'GET' : 'POST'} ${w}`)),
        nasty,
        nasty,
        badJson,
        fc.constantFrom('application/json', 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=utf-16'),
        async (route, id, filter, body, contentType) => {
          const [method, template] = route.split(' ') as [string, string];
          const enc = encodeURIComponent;
          const url =
            template.replace(/:agentId|:taskId|:id|:type/g, () => enc(id)) +
            `?state=${enc(filter)}&type=${enc(filter)}&cursor=${enc(filter)}&limit=${enc(filter)}&wait=${template.endsWith('await') ? '0ms' : enc(filter)}&stream=${enc(filter)}`;
          const eventsBefore = (await baton.events.readAll({ afterSeq: 0, limit: 100_000 })).length;
          const res = await app.inject({
            method: method as 'GET',
            url,
            headers: { authorization: `Bearer ${token}`, 'content-type': contentType, 'last-event-id': filter.slice(0, 100).replace(/[^\x20-\x7e]/g, '') },
            ...(method === 'GET' ? {} : { payload: body }),
          });
          count += 1;
          statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
          expect(res.statusCode, `${method} ${url.slice(0, 200)} ${body.slice(0, 200)}`).toBeLessThan(500);
          if (res.statusCode >= 400) {
            expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
            expect(ProblemSchema.safeParse(res.json()).success).toBe(true);
            expect(res.body).not.toMatch(/\n\s+at /);
            // A refused request wrote nothing.
            expect((await baton.events.readAll({ afterSeq: 0, limit: 100_000 })).length).toBe(eventsBefore);
          }
        },
      ),
      { numRuns: 1_200 },
    );
    expect(count).toBe(1_200);
    const written = (await baton.events.readAll({ afterSeq: 0, limit: 100_000 })).length - before;
    console.info(`hostile input: ${count} requests, statuses ${JSON.stringify(Object.fromEntries(statuses))}, ${written} events written by the requests that were valid after all`);
  }, 120_000);
});
