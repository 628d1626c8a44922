import type { FetchLike } from '../http/http-request.js';

/**
 * The agent's HTTP exchange on Node: node:http over kept-alive connections.
 * A claim's answer reached the handler about 0.7 ms sooner than through
 * Node's fetch, whose web streams and signals cost that much per response
 * (bench/RESULTS.md, history 49); an agent makes one such request per task
 * it is handed. Loaded lazily by the transport, and node:http with it, so that
 * the SDK stays loadable where there is none.
 *
 * What the requester needs only: the status and the body as text. No redirect
 * is followed and no compression is asked for; a Baton server sends neither.
 */
async function createNodeHttpFetch(): Promise<FetchLike> {
  const [http, https] = await Promise.all([import('node:http'), import('node:https')]);
  // Idle kept-alive sockets are unref'd by Node's agent, so they never hold a process open.
  const plain = new http.Agent({ keepAlive: true });
  const secure = new https.Agent({ keepAlive: true });
  return (url, init) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const tls = target.protocol === 'https:';
      const body = init.body === undefined ? undefined : Buffer.from(init.body, 'utf8');
      const headers = body === undefined ? init.headers : { ...init.headers, 'content-length': String(body.length) };
      const onResponse = (res: import('node:http').IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        // An answer cut short (the connection dropped, the signal fired) is an error, never a truncated body.
        res.on('close', () => {
          if (!res.complete) reject(new Error('the connection closed before the answer was complete'));
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ ok: status >= 200 && status < 300, status, text: async () => text });
        });
      };
      const options = { method: init.method, headers, signal: init.signal };
      const req = tls ? https.request(target, { ...options, agent: secure }, onResponse) : http.request(target, { ...options, agent: plain }, onResponse);
      req.on('error', reject);
      req.end(body);
    });
}

export { createNodeHttpFetch };
