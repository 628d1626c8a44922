import { createServer, connect, type Server, type Socket } from 'node:net';

/** One proxied connection: its two sockets and the start of what the client sent (to recognise it). */
interface Link {
  inbound: Socket;
  outbound: Socket;
  /** The first bytes from the client, as text: enough to see the startup packet and the first queries. */
  head: string;
  /** Silently dropped: bytes are taken and never passed on, and nothing is closed. */
  blackholed: boolean;
}

const HEAD_BYTES = 8_192;

/**
 * A TCP proxy in front of the database that a test can break in the ways a
 * network does: cut (connections drop and new ones are refused, as in a
 * restart or an outage), slow (every chunk held back), or silent (chosen
 * connections stop passing bytes but stay open, as behind a dead NAT entry).
 * Other test files keep the real server.
 */
async function startTcpProxy(params: { targetHost: string; targetPort: number }): Promise<{
  port: number;
  cut: () => Promise<void>;
  restore: () => Promise<void>;
  /** Holds back every chunk, both ways, by `ms` from now on (0 passes them at once again). */
  delay: (ms: number) => void;
  /** Silently drops the open connections whose client traffic so far contains `text`; returns how many. */
  blackhole: (text: string) => number;
  /** How many connections, open or closed, ever sent `text`. */
  seen: (text: string) => number;
  close: () => Promise<void>;
}> {
  const links = new Set<Link>();
  const heads: string[] = [];
  let server: Server | null = null;
  let port = 0;
  let delayMs = 0;

  const forward = (link: Link, from: Socket, to: Socket, fromClient: boolean) => {
    from.on('data', (chunk: Buffer) => {
      if (fromClient && link.head.length < HEAD_BYTES) {
        link.head += chunk.toString('latin1').slice(0, HEAD_BYTES - link.head.length);
      }
      if (link.blackholed) return;
      // Equal delays fire in the order they were set, so the byte stream keeps its order.
      if (delayMs > 0) setTimeout(() => !link.blackholed && !to.destroyed && to.write(chunk), delayMs);
      else to.write(chunk);
    });
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = createServer((inbound) => {
        const outbound = connect(params.targetPort, params.targetHost);
        const link: Link = { inbound, outbound, head: '', blackholed: false };
        links.add(link);
        for (const sock of [inbound, outbound]) sock.on('error', () => undefined);
        forward(link, inbound, outbound, true);
        forward(link, outbound, inbound, false);
        const end = () => {
          if (!links.delete(link)) return;
          heads.push(link.head);
          inbound.destroy();
          outbound.destroy();
        };
        inbound.on('close', end);
        outbound.on('close', end);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        const address = s.address();
        if (address && typeof address === 'object') port = address.port;
        server = s;
        resolve();
      });
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      for (const link of [...links]) {
        link.inbound.destroy();
        link.outbound.destroy();
      }
      if (!server) return resolve();
      server.close(() => resolve());
      server = null;
    });

  await listen();
  return {
    port,
    cut: stop,
    restore: listen,
    delay: (ms) => {
      delayMs = ms;
    },
    blackhole(text) {
      let n = 0;
      for (const link of links) {
        if (!link.blackholed && link.head.includes(text)) {
          link.blackholed = true;
          n += 1;
        }
      }
      return n;
    },
    seen: (text) => [...heads, ...[...links].map((l) => l.head)].filter((head) => head.includes(text)).length,
    close: stop,
  };
}

export { startTcpProxy };
