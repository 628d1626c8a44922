import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { tokenFor } from '../support/auth.js';
import { makeTempDir } from '../support/temp-dir.js';

const work = defineTask({ type: 'work', schema: z.object({ n: z.number() }) });
const flaky = defineTask({ type: 'flaky', schema: z.object({}), defaults: { maxAttempts: 2, backoff: { baseMs: 10, factor: 1, maxMs: 10, jitter: 0 } } });
const lost = defineTask({ type: 'lost', schema: z.object({}), defaults: { maxAttempts: 3 } });
const quiet = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The value of one series in Prometheus text (0 when absent), by its name and exact label set. */
function sample(text: string, series: string): number {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

describe('GET /metrics: Prometheus counters that move with the work', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let baton: Baton;
  let app: FastifyInstance;
  let token: string;

  beforeEach(async () => {
    tmp = makeTempDir('metrics');
    baton = await createBaton({ database: `sqlite:${tmp.dir}/baton.db`, definitions: [work, flaky, lost], logger: quiet, leaseMs: 300, sweepIntervalMs: 60_000 });
    app = await createHttpServer({ engine: baton.engine });
    token = await tokenFor(baton, ['read']);
  });
  afterEach(async () => {
    await app.close();
    await baton.close({ graceMs: 100 });
    tmp.remove();
  });

  const scrape = async () => {
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.body;
  };

  it('needs a token, and counts claims, ends, retries, rescues, run times, tasks by state, live agents and the log head', async () => {
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    const before = await scrape();
    expect(sample(before, 'baton_tasks_claimed_total{type="work"}')).toBe(0);
    expect(sample(before, 'baton_agents_live')).toBe(0);
    expect(before).toContain('baton_process_resident_memory_bytes');

    const agent = baton.agents.create({ id: 'runner', concurrency: 4 });
    agent.handle(work, async ({ n }) => n * 2);
    let flakyCalls = 0;
    agent.handle(flaky, async () => {
      flakyCalls += 1;
      if (flakyCalls === 1) throw new Error('first attempt fails');
      return 'ok';
    });
    await agent.start();
    const submitted = await Promise.all(Array.from({ length: 5 }, (_, n) => baton.tasks.submit({ type: 'work', payload: { n } })));
    const retried = await baton.tasks.submit({ type: 'flaky', payload: {} });
    for (const { task } of [...submitted, retried]) await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    // A claim whose holder never reports nor heartbeats: the sweep rescues it once its lease has run out.
    await baton.tasks.submit({ type: 'lost', payload: {} });
    expect(await baton.engine.work.claim({ agentId: 'runner', types: ['lost'], limit: 1 })).toHaveLength(1);
    await sleep(400);
    await baton.engine.sweepNow();

    const after = await scrape();
    expect(sample(after, 'baton_tasks_claimed_total{type="work"}')).toBe(5);
    expect(sample(after, 'baton_tasks_claimed_total{type="flaky"}')).toBe(2);
    expect(sample(after, 'baton_tasks_ended_total{type="work",state="succeeded"}')).toBe(5);
    expect(sample(after, 'baton_tasks_ended_total{type="flaky",state="succeeded"}')).toBe(1);
    expect(sample(after, 'baton_retries_total{type="flaky"}')).toBe(1);
    expect(sample(after, 'baton_lease_rescues_total')).toBe(1);
    expect(sample(after, 'baton_run_duration_seconds_count{type="work",outcome="succeeded"}')).toBe(5);
    expect(sample(after, 'baton_run_duration_seconds_count{type="flaky",outcome="retry"}')).toBe(1);
    expect(sample(after, 'baton_claim_wait_seconds_count{type="work"}')).toBe(5);
    expect(sample(after, 'baton_tasks{state="succeeded",type="work"}')).toBe(5);
    expect(sample(after, 'baton_tasks{state="succeeded",type="flaky"}')).toBe(1);
    // The rescued task waits for its next attempt (in backoff, then queued); it no longer counts as running.
    expect(sample(after, 'baton_tasks{state="scheduled",type="lost"}') + sample(after, 'baton_tasks{state="queued",type="lost"}')).toBe(1);
    expect(sample(after, 'baton_tasks{state="running",type="lost"}')).toBe(0);
    expect(sample(after, 'baton_agents_live')).toBe(1);
    expect(sample(after, 'baton_event_log_head')).toBeGreaterThan(sample(before, 'baton_event_log_head'));
    await agent.stop();
    // Quiet now: the head is exactly the log's last event.
    const head = (await baton.engine.events.readAll({ afterSeq: 0, limit: 10_000 })).at(-1)?.seq ?? 0;
    expect(sample(await scrape(), 'baton_event_log_head')).toBe(head);
  });

  it('counts the event streams open on this node and how far behind the slowest is', async () => {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address() as { port: number };
    expect(sample(await scrape(), 'baton_event_subscribers')).toBe(0);
    const controller = new AbortController();
    const stream = await fetch(`http://127.0.0.1:${address.port}/v1/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
    expect(stream.status).toBe(200);
    const text = await scrape();
    expect(sample(text, 'baton_event_subscribers')).toBe(1);
    // Caught up (the log is nearly empty): no lag.
    expect(sample(text, 'baton_event_subscriber_lag_seconds')).toBe(0);
    controller.abort();
    await stream.body?.cancel().catch(() => undefined);
    const deadline = Date.now() + 3_000;
    while (sample(await scrape(), 'baton_event_subscribers') !== 0) {
      if (Date.now() > deadline) throw new Error('the closed stream is still counted');
      await sleep(20);
    }
  });
});
