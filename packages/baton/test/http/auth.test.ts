import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, ProblemSchema } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { tokenFor } from '../support/auth.js';

const echo = defineTask({ type: 'echo', schema: z.object({}) });
const quiet = { warn: () => undefined, error: () => undefined };

/** A route path with its parameters filled in, so the request reaches the route. */
const concrete = (url: string) => url.replace(/:agentId/g, 'agent-1').replace(/:taskId/g, 'task-1').replace(/:id/g, '0123456789ab').replace(/:type/g, 'echo');

describe('auth: deny by default', () => {
  let baton: Baton;
  let app: FastifyInstance;
  const eventCount = async () => (await baton.events.readAll({ afterSeq: 0, limit: 100_000 })).length;

  beforeAll(async () => {
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [echo], logger: quiet });
    app = await createHttpServer({ engine: baton.engine });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await baton.close();
  });

  // Public: the health probes, the API's documents and the dashboard's static files (they hold no data; its API calls need the token).
  it('answers 401 problem+json on every route but the health probes when no token is given, and writes nothing', async () => {
    const data = app.routeTable.filter((r) => r.access !== 'public');
    expect(data.length).toBeGreaterThan(20);
    expect(app.routeTable.filter((r) => r.access === 'public').map((r) => r.url).sort()).toEqual(['/', '/docs', '/healthz', '/openapi.json', '/readyz', '/ui/*']);
    const before = await eventCount();
    for (const route of data) {
      for (const authorization of [undefined, 'Bearer nonsense', 'Bearer bat_0123456789ab_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 'Basic YWRtaW46YWRtaW4=']) {
        const res = await app.inject({
          method: route.method as 'GET',
          url: concrete(route.url),
          headers: authorization ? { authorization } : {},
          ...(route.method === 'GET' ? {} : { payload: {} }),
        });
        expect(res.statusCode, `${route.method} ${route.url} with ${authorization ?? 'no token'}`).toBe(401);
        expect(res.headers['www-authenticate']).toBe('Bearer realm="baton"');
        expect(ProblemSchema.parse(res.json())).toMatchObject({ code: 'UNAUTHENTICATED' });
      }
    }
    expect(await eventCount()).toBe(before);
    expect((await app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('lets a token do only what its scopes allow, and a revoked token nothing', async () => {
    const reader = await tokenFor(baton, ['read']);
    const submitter = await tokenFor(baton, ['submit']);
    const as = (token: string) => ({ authorization: `Bearer ${token}` });
    expect((await app.inject({ method: 'GET', url: '/v1/tasks', headers: as(reader) })).statusCode).toBe(200);
    const forbidden = await app.inject({ method: 'POST', url: '/v1/tasks', headers: as(reader), payload: { type: 'echo', payload: {} } });
    expect(forbidden.statusCode).toBe(403);
    expect(ProblemSchema.parse(forbidden.json())).toMatchObject({ code: 'FORBIDDEN' });
    expect((await app.inject({ method: 'POST', url: '/v1/tasks', headers: as(submitter), payload: { type: 'echo', payload: {} } })).statusCode).toBe(201);
    expect((await app.inject({ method: 'POST', url: '/v1/types/echo/pause', headers: as(submitter), payload: {} })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/v1/tokens', headers: as(reader) })).statusCode).toBe(403);

    const admin = await tokenFor(baton, ['admin']);
    const issued = await app.inject({ method: 'POST', url: '/v1/tokens', headers: as(admin), payload: { name: 'ci', scopes: ['read'] } });
    expect(issued.statusCode).toBe(201);
    const { token, id } = issued.json() as { token: string; id: string };
    const listed = await app.inject({ method: 'GET', url: '/v1/tokens', headers: as(admin) });
    expect(JSON.stringify(listed.json())).not.toMatch(/hash|bat_/);
    expect((await app.inject({ method: 'GET', url: '/v1/agents', headers: as(token) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'POST', url: `/v1/tokens/${id}/revoke`, headers: as(admin), payload: {} })).json()).toMatchObject({ revoked: true });
    expect((await app.inject({ method: 'GET', url: '/v1/agents', headers: as(token) })).statusCode).toBe(401);
    // A right id with a wrong secret is refused like any other bad token.
    const forged = `${admin.slice(0, 17)}${'A'.repeat(43)}`;
    expect((await app.inject({ method: 'GET', url: '/v1/tasks', headers: as(forged) })).statusCode).toBe(401);
  });

  it('bootstraps exactly one admin token on a fresh store', async () => {
    const fresh = await createBaton({ database: 'sqlite::memory:', logger: quiet });
    try {
      const first = await fresh.engine.tokens.bootstrapAdmin();
      expect(first).toMatch(/^bat_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
      expect(await fresh.engine.tokens.bootstrapAdmin()).toBeNull();
      expect(await fresh.engine.tokens.verify(first!)).toMatchObject({ scopes: ['admin'] });
      const [stored] = await fresh.engine.tokens.list();
      // The secret is base64url and may itself hold '_', so cut it by position, not by splitting.
      const secret = first!.slice('bat_'.length + 12 + 1);
      expect(secret).toHaveLength(43);
      expect(JSON.stringify(stored)).not.toContain(secret);
    } finally {
      await fresh.close();
    }
  });
});
