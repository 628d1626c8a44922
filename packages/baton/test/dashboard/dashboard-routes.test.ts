import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { tokenFor } from '../support/auth.js';

const quiet = { warn: () => undefined, error: () => undefined };

describe('the dashboard at / (static files, no credentials, strict headers)', () => {
  let baton: Baton;
  let app: FastifyInstance;
  afterEach(async () => {
    await app.close();
    await baton.close();
  });
  const open = async (dashboard?: { folder: string | null }) => {
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [], logger: quiet });
    app = await createHttpServer({ engine: baton.engine, ...(dashboard ? { dashboard } : {}) });
  };

  it('serves the page and its modules with a content security policy that forbids inline code', async () => {
    await open();
    const page = await app.inject({ method: 'GET', url: '/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<script type="module" src="/ui/main.js">');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    // Every module the page imports is served, so the page can start.
    const main = await app.inject({ method: 'GET', url: '/ui/main.js' });
    expect(main.statusCode).toBe(200);
    expect(main.headers['content-type']).toMatch(/^text\/javascript/);
    const imports = [...main.body.matchAll(/from '\.\/([^']+)'/g)].map((m) => m[1]);
    expect(imports.length).toBeGreaterThan(3);
    for (const file of imports) expect((await app.inject({ method: 'GET', url: `/ui/${file}` })).statusCode, file).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/ui/styles.css' })).headers['content-type']).toMatch(/^text\/css/);
  });

  it('serves only the files it built: no path reaches the file system', async () => {
    await open();
    for (const url of ['/ui/../package.json', '/ui/%2e%2e/%2e%2e/package.json', '/ui/main.js.map', '/ui/main.d.ts', '/ui/nothing.js']) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type'], url).toMatch(/problem\+json/);
    }
  });

  it('keeps the data behind the token: the page is public, the API it calls is not', async () => {
    await open();
    expect((await app.inject({ method: 'GET', url: '/v1/stats' })).statusCode).toBe(401);
    const reader = await tokenFor(baton, ['read']);
    const stats = await app.inject({ method: 'GET', url: '/v1/stats', headers: { authorization: `Bearer ${reader}` } });
    expect(stats.statusCode).toBe(200);
    expect(stats.json()).toMatchObject({ tasks: [], eventHead: expect.any(Number), agents: { live: 0, lost: 0, stopped: 0 } });
  });

  it('says how to build it when its files are missing, and can be left out', async () => {
    await open({ folder: null });
    const missing = await app.inject({ method: 'GET', url: '/' });
    expect(missing.statusCode).toBe(503);
    expect(missing.json()).toMatchObject({ code: 'DASHBOARD_NOT_BUILT' });
    expect(missing.json().detail).toContain('npm run build');
    await app.close();
    await baton.close();
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [], logger: quiet });
    app = await createHttpServer({ engine: baton.engine, dashboard: false });
    expect((await app.inject({ method: 'GET', url: '/' })).statusCode).toBe(404);
  });
});
