import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BatonClient } from '@baton/client';
import { defineTask } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { tokenFor } from '../support/auth.js';

const work = defineTask({ type: 'work', schema: z.object({ n: z.number() }) });
const quiet = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('SDK: client.events.subscribe', () => {
  let baton: Baton;
  let app: FastifyInstance;
  let client: BatonClient;
  beforeAll(async () => {
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [work], logger: quiet });
    app = await createHttpServer({ engine: baton.engine });
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    client = new BatonClient({ url, token: await tokenFor(baton, ['admin']) });
  });
  afterAll(async () => {
    await app.close();
    await baton.close();
  });

  it('keeps reading across dropped connections, resuming after the last event: every event once, in order', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const reading = (async () => {
      for await (const event of client.events.subscribe({ signal: controller.signal })) {
        seen.push(Number(event.sequence));
      }
    })();
    let total = 0;
    try {
      for (let round = 0; round < 5; round++) {
        // Submitted in-process: the HTTP connections are the ones this test keeps breaking.
        await baton.tasks.submitMany({ tasks: Array.from({ length: 20 }, (_, i) => ({ type: 'work', payload: { n: round * 20 + i } })) });
        await sleep(150);
        // The server drops every connection: the SDK must reconnect with Last-Event-ID by itself.
        app.server.closeAllConnections();
      }
      total = (await baton.events.readAll({ afterSeq: 0, limit: 100_000 })).length;
      const deadline = Date.now() + 5_000;
      while (seen.length < total && Date.now() < deadline) await sleep(50);
    } finally {
      controller.abort();
      await reading;
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });

  it('refuses at once with a clear error when the token may not read', async () => {
    const submitter = new BatonClient({ url: `http://127.0.0.1:${(app.server.address() as { port: number }).port}`, token: await tokenFor(baton, ['submit']) });
    const iterator = submitter.events.subscribe({ signal: new AbortController().signal });
    await expect(iterator.next()).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
