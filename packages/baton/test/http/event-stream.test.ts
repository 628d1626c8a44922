import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CloudEventSchema, defineTask } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { tokenFor } from '../support/auth.js';
import { TEST_DRIVERS, type TestDatabase } from '../support/drivers.js';
import { readSse } from '../support/sse-reader.js';

const work = defineTask({ type: 'work', schema: z.object({ n: z.number() }) });
const other = defineTask({ type: 'other', schema: z.object({}) });
const quiet = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


describe.each(TEST_DRIVERS)('GET /v1/events as Server-Sent Events on $name', (driver) => {
  let baton: Baton;
  let app: FastifyInstance;
  let url: string;
  let auth: { authorization: string };
  let db: TestDatabase;
  beforeEach(async () => {
    db = driver.open();
    baton = await createBaton({ ...db, definitions: [work, other], logger: quiet });
    app = await createHttpServer({ engine: baton.engine });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    auth = { authorization: `Bearer ${await tokenFor(baton, ['read'])}` };
  });
  afterEach(async () => {
    await app.close();
    await baton.close({ graceMs: 100 });
    await db.cleanup();
  });

  it('resumes with Last-Event-ID across many disconnects under load: the union is the log, no gap, no duplicate, each stream in order', async () => {
    const agent = baton.agents.create({ concurrency: 4 });
    agent.handle(work, async ({ n }) => {
      await sleep(n % 3);
      return n;
    });
    await agent.start();
    let producing = true;
    const producer = (async () => {
      for (let batch = 0; batch < 20; batch++) {
        await baton.tasks.submitMany({ tasks: Array.from({ length: 10 }, (_, i) => ({ type: 'work', payload: { n: batch * 10 + i } })) });
        await sleep(15);
      }
      producing = false;
    })();

    const received: { id: string; seq: number; subject: string; version: number }[] = [];
    let lastId: string | null = null;
    let reconnects = 0;
    for (;;) {
      const controller = new AbortController();
      const take = 20 + Math.floor(Math.random() * 40);
      let got = 0;
      const idle = setTimeout(() => controller.abort(), 1_000);
      await readSse({
        url: `${url}/v1/events`,
        headers: lastId ? { ...auth, 'last-event-id': lastId } : auth,
        signal: controller.signal,
        onMessage: (message) => {
          const event = CloudEventSchema.parse(JSON.parse(message.data));
          received.push({ id: message.id!, seq: Number(event.sequence), subject: event.subject, version: event.streamversion });
          lastId = message.id;
          got += 1;
          idle.refresh();
          return got < take; // hang up mid-stream
        },
      });
      clearTimeout(idle);
      reconnects += 1;
      const log = await baton.events.readAll({ afterSeq: 0, limit: 1_000_000 });
      const settled = (await baton.tasks.list({ filter: { states: ['queued', 'running', 'scheduled'] }, limit: 1 })).items.length === 0;
      if (!producing && settled && received.length >= log.length && got === 0) break;
      expect(reconnects).toBeLessThan(500);
    }
    await producer;

    const log = await baton.events.readAll({ afterSeq: 0, limit: 1_000_000 });
    const seqs = received.map((r) => r.seq);
    expect(new Set(seqs).size).toBe(seqs.length); // no duplicate across reconnects
    expect([...seqs].sort((a, b) => a - b)).toEqual(log.map((e) => e.seq)); // no gap: exactly the log
    const versions = new Map<string, number>();
    for (const r of received) {
      expect(r.version).toBe((versions.get(r.subject) ?? 0) + 1);
      versions.set(r.subject, r.version);
    }
    expect(reconnects).toBeGreaterThan(5);
  }, 60_000);

  it('filters by stream, event type and task type, in CloudEvents envelopes', async () => {
    const { task } = await baton.tasks.submit({ type: 'work', payload: { n: 1 } });
    await baton.tasks.submit({ type: 'other', payload: {} });
    await baton.tasks.cancel({ taskId: task.id });
    const collect = async (query: string) => {
      const events: { type: string; subject: string }[] = [];
      const controller = new AbortController();
      const stop = setTimeout(() => controller.abort(), 400);
      await readSse({ url: `${url}/v1/events${query}`, headers: auth, signal: controller.signal, onMessage: (m) => {
          events.push(CloudEventSchema.parse(JSON.parse(m.data)));
          return true;
        },
      });
      clearTimeout(stop);
      return events;
    };
    expect((await collect(`?stream=${task.id}`)).map((e) => e.type)).toEqual(['dev.baton.TaskSubmitted', 'dev.baton.TaskCancelled']);
    expect((await collect('?type=TaskCancelled')).map((e) => e.subject)).toEqual([task.id]);
    expect((await collect('?taskType=other')).map((e) => e.type)).toEqual(['dev.baton.TaskSubmitted']);
  });

  it('starts at the end of the log with after=now: only what happens next', async () => {
    await baton.tasks.submit({ type: 'work', payload: { n: 1 } });
    const controller = new AbortController();
    const subjects: string[] = [];
    const stop = setTimeout(() => controller.abort(), 3_000);
    let later = '';
    const reading = readSse({ url: `${url}/v1/events?after=now`, headers: auth, signal: controller.signal, onMessage: (m) => {
        subjects.push(CloudEventSchema.parse(JSON.parse(m.data)).subject);
        return false;
      },
    });
    await sleep(150);
    later = (await baton.tasks.submit({ type: 'other', payload: {} })).task.id;
    await reading;
    clearTimeout(stop);
    expect(subjects).toEqual([later]);
  });

  it('refuses a forged Last-Event-ID or filter with 400 problem+json before streaming', async () => {
    const forged = await fetch(`${url}/v1/events`, { headers: { ...auth, 'last-event-id': "1; DROP TABLE events" } });
    expect(forged.status).toBe(400);
    expect(forged.headers.get('content-type')).toMatch(/problem\+json/);
    const badType = await fetch(`${url}/v1/events?type=${encodeURIComponent("x' OR 1=1")}`, { headers: auth });
    expect(badType.status).toBe(400);
  });
});
