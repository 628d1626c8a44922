import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createNodeHttpFetch } from '../src/agent/node-http-fetch.js';

let server: Server | null = null;
let connections = 0;

async function serve(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<string> {
  connections = 0;
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (body += chunk));
    req.on('end', () => handler(req, res, body));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = null;
});

const post = (body: string, signal = AbortSignal.timeout(5_000)) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body, signal });

describe("the agent's node:http exchange", () => {
  it('sends the body with its length and answers status and text, over one kept-alive connection', async () => {
    const seen: string[] = [];
    const url = await serve((req, res, body) => {
      seen.push(`${req.method} ${req.url} ${req.headers['content-length']} ${body}`);
      res.writeHead(body.includes('"bad"') ? 409 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ echo: JSON.parse(body) }));
    });
    const send = await createNodeHttpFetch();
    const ok = await send(`${url}/v1/agents/a%20b/claim`, post('{"limit":2,"name":"é"}'));
    expect(ok.ok).toBe(true);
    expect(ok.status).toBe(200);
    expect(JSON.parse(await ok.text())).toEqual({ echo: { limit: 2, name: 'é' } });
    const refused = await send(`${url}/x`, post('{"bad":1}'));
    expect(refused).toMatchObject({ ok: false, status: 409 });
    // The byte length, not the string's: "é" is two bytes.
    expect(seen).toEqual(['POST /v1/agents/a%20b/claim 23 {"limit":2,"name":"é"}', 'POST /x 9 {"bad":1}']);
    expect(connections).toBe(1);
  });

  it('rejects when its signal fires before the answer, and when the answer is cut short', async () => {
    const url = await serve((req, res) => {
      if (req.url === '/slow') return; // never answers
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"tasks":[');
      setTimeout(() => res.socket?.destroy(), 20);
    });
    const send = await createNodeHttpFetch();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('stopping')), 30);
    await expect(send(`${url}/slow`, post('{}', controller.signal))).rejects.toThrow();
    await expect(send(`${url}/cut`, post('{}'))).rejects.toThrow(/closed before the answer was complete|aborted|socket hang up/);
  });

  it('rejects when nothing listens', async () => {
    const url = await serve(() => undefined);
    await new Promise((resolve) => server!.close(resolve));
    server = null;
    const send = await createNodeHttpFetch();
    await expect(send(`${url}/x`, post('{}'))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
