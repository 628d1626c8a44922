import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';

const quiet = { warn: () => undefined, error: () => undefined };

describe('the OpenAPI 3.1 document and its reference page', () => {
  let baton: Baton;
  let app: FastifyInstance;
  beforeAll(async () => {
    baton = await createBaton({ database: 'sqlite::memory:', logger: quiet });
    app = await createHttpServer({ engine: baton.engine });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await baton.close();
  });

  it('describes every route, with the schemas the routes validate with, without a token', async () => {
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, any>>; components: any };
    expect(doc.openapi).toBe('3.1.0');
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)).sort();
    const routes = app.routeTable
      .filter((r) => r.url !== '/openapi.json' && r.url !== '/docs')
      .map((r) => `${r.method} ${r.url.replace(/:([A-Za-z]+)/g, '{$1}')}`)
      .sort();
    expect(documented).toEqual(routes);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.summary, `${method} ${path}`).toBeTruthy();
        expect(op.responses.default.content['application/problem+json']).toBeDefined();
        for (const name of [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])) {
          expect(op.parameters.some((p: { name: string; in: string }) => p.name === name && p.in === 'path'), `${method} ${path} documents {${name}}`).toBe(true);
        }
      }
    }
    const submit = doc.paths['/v1/tasks']!.post;
    expect(submit['x-baton-scope']).toBe('submit');
    expect(submit.requestBody.content['application/json'].schema.required).toContain('type');
    expect(submit.responses['201'].content['application/json'].schema.properties.task.properties.state.enum).toContain('succeeded');
    expect(doc.paths['/v1/events']!.get.responses['200'].content['text/event-stream']).toBeDefined();
    expect(doc.paths['/healthz']!.get.security).toEqual([]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
  });

  it('renders a reference page from the same document, with no script', async () => {
    const res = await app.inject({ method: 'GET', url: '/docs' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/html/);
    expect(res.body).toContain('POST /v1/tasks');
    expect(res.body).toContain('/v1/agents/{agentId}/claim');
    expect(res.body).not.toMatch(/<script/i);
  });
});
