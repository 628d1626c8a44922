import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAddressGuard } from '../../src/callbacks/address-guard.js';
import { deliverCallback } from '../../src/callbacks/http-delivery.js';
import { newWebhookSecret, verifyWebhook } from '../../src/callbacks/webhook-signature.js';

interface Listener {
  server: Server;
  port: number;
  connections: number;
  requests: { headers: IncomingMessage['headers']; body: string }[];
}

/** A local HTTP server that counts every connection and answers with `respond`. */
async function listen(host: string, respond: (req: IncomingMessage, res: ServerResponse, body: string) => void): Promise<Listener> {
  const listener: Listener = { server: createServer(), port: 0, connections: 0, requests: [] };
  listener.server.on('connection', () => (listener.connections += 1));
  listener.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      listener.requests.push({ headers: req.headers, body });
      respond(req, res, body);
    });
  });
  await new Promise<void>((resolve) => listener.server.listen(0, host, resolve));
  listener.port = (listener.server.address() as AddressInfo).port;
  return listener;
}

describe('callback delivery over real HTTP', () => {
  const secret = newWebhookSecret();
  const canaries: Listener[] = [];
  let receiver: Listener;
  let status = 200;
  beforeAll(async () => {
    receiver = await listen('127.0.0.1', (req, res) => {
      if (status === 302) res.writeHead(302, { location: 'http://169.254.169.254/' }).end();
      else if (status === 503) res.writeHead(503, { 'retry-after': '7' }).end('busy');
      else if (status === 299) res.writeHead(200).end('x'.repeat(1_000_000));
      else res.writeHead(status).end(`answered ${status}`);
    });
    for (const host of ['127.0.0.1', '127.0.0.2', '::1']) canaries.push(await listen(host, (_req, res) => res.writeHead(200).end('should never be reached')));
  });
  afterAll(async () => {
    for (const l of [receiver, ...canaries]) await new Promise((r) => l.server.close(r));
  });

  const allowReceiver = createAddressGuard({ allow: ['127.0.0.1/32'] });
  const send = (url: string, guard = allowReceiver) => deliverCallback({ url, body: '{"hello":"world"}', webhookId: 'msg_1', secret, guard, now: Date.now() });

  it('signs with Standard Webhooks headers the receiver can verify; 2xx is delivered', async () => {
    status = 200;
    const outcome = await send(`http://127.0.0.1:${receiver.port}/hook`);
    expect(outcome).toMatchObject({ kind: 'delivered', status: 200, bodyExcerpt: 'answered 200' });
    const { headers, body } = receiver.requests.at(-1)!;
    expect(headers['content-type']).toBe('application/json');
    expect(verifyWebhook({ secret, id: String(headers['webhook-id']), timestamp: Number(headers['webhook-timestamp']), body, signature: String(headers['webhook-signature']) })).toBe(true);
    expect(verifyWebhook({ secret: newWebhookSecret(), id: 'msg_1', timestamp: Number(headers['webhook-timestamp']), body, signature: String(headers['webhook-signature']) })).toBe(false);
  });

  it('retries 503 with its Retry-After, fails a 404 and a redirect, and reads at most 64 KiB', async () => {
    status = 503;
    expect(await send(`http://127.0.0.1:${receiver.port}/`)).toMatchObject({ kind: 'retry', status: 503, retryAfterMs: 7_000 });
    status = 404;
    expect(await send(`http://127.0.0.1:${receiver.port}/`)).toMatchObject({ kind: 'fail', status: 404 });
    status = 302;
    expect(await send(`http://127.0.0.1:${receiver.port}/`)).toMatchObject({ kind: 'fail', status: 302 });
    status = 299;
    const big = await send(`http://127.0.0.1:${receiver.port}/`);
    expect(big).toMatchObject({ kind: 'delivered', status: 200 });
    expect(big.bodyExcerpt).toHaveLength(1_024);
    expect((await send('http://127.0.0.1:1/')).kind).toBe('retry');
  });

  it('reaches no loopback canary through any spelling or a name that resolves to loopback, unless allowed', async () => {
    const strict = createAddressGuard();
    const [v4, v4b, v6] = canaries as [Listener, Listener, Listener];
    const urls = [
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
      `http://[::]:${v4.port}/`,
      `http://0.0.0.0:${v4.port}/`,
    ];
    for (const url of urls) {
      const outcome = await send(url, strict);
      expect(outcome.kind, url).toBe('fail');
      expect(outcome.error, url).toMatch(/callback refused/);
    }
    expect(canaries.map((c) => c.connections)).toEqual([0, 0, 0]);
    // The allowlist is the only way in.
    expect((await send(`http://127.0.0.1:${v4.port}/`, createAddressGuard({ allow: ['127.0.0.1'] }))).kind).toBe('delivered');
    expect(v4.connections).toBe(1);
    expect((await send('ftp://example.com/x', strict)).error).toMatch(/only http and https/);
  });
});
