import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, HistoryResponseSchema } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { injectWith, tokenFor } from '../support/auth.js';

const work = defineTask({ type: 'work', schema: z.object({ n: z.number() }), defaults: { backoff: { baseMs: 1, jitter: 0 } } });
const quiet = { warn: () => undefined, error: () => undefined };

describe('history: any stream, and its state as of a past point', () => {
  let baton: Baton;
  let app: FastifyInstance;
  let inject: ReturnType<typeof injectWith>;
  beforeAll(async () => {
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [work], logger: quiet });
    app = await createHttpServer({ engine: baton.engine });
    inject = injectWith(app, await tokenFor(baton));
    const agent = baton.agents.create({ id: 'w1' });
    agent.handle(work, (payload, ctx) => {
      if (ctx.attempt === 1) throw new Error('first try fails');
      return payload.n * 2;
    });
    await agent.start();
  });
  afterAll(async () => {
    await app.close();
    await baton.close({ graceMs: 100 });
  });

  it("gives a task's events in order and folds them to any past point, by event number or time", async () => {
    const { task } = await baton.tasks.submit({ type: 'work', payload: { n: 21 } });
    await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    const whole = await baton.engine.events.history({ id: task.id });
    expect(whole.kind).toBe('task');
    expect(whole.events.map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskClaimed', 'TaskAttemptFailed', 'TaskReady', 'TaskClaimed', 'TaskSucceeded']);
    expect(whole.state).toMatchObject({ state: 'succeeded', result: 42, attempt: 2 });
    const failedAt = whole.events[2]!;
    const then = await baton.engine.events.history({ id: task.id, asOf: { seq: failedAt.seq } });
    expect(then.events).toHaveLength(3);
    // Right after the failed attempt it waited out its backoff.
    expect(then.state).toMatchObject({ state: 'scheduled', attempt: 1, errors: [{ message: 'first try fails' }] });
    const byTime = await baton.engine.events.history({ id: task.id, asOf: { time: whole.events[0]!.time - 1 } });
    expect(byTime).toMatchObject({ events: [], state: null });
    // Paged: two events at a time, each page starting after the last version seen; the state is always the whole fold.
    const first = await baton.engine.events.history({ id: task.id, limit: 2 });
    expect(first.events.map((e) => e.version)).toEqual([1, 2]);
    expect(first.nextAfter).toBe(2);
    const lastPage = await baton.engine.events.history({ id: task.id, after: 4, limit: 2 });
    expect(lastPage).toMatchObject({ nextAfter: null, state: { state: 'succeeded' } });
    expect(lastPage.events.map((e) => e.version)).toEqual([5, 6]);

    const res = await inject({ method: 'GET', url: `/v1/history/${task.id}?asOf=${failedAt.seq}` });
    expect(res.statusCode).toBe(200);
    expect(HistoryResponseSchema.parse(res.json())).toMatchObject({ stream: task.id, kind: 'task', state: { state: 'scheduled' } });
    const bad = await inject({ method: 'GET', url: `/v1/history/${task.id}?asOf=yesterday` });
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('finds a job, an agent and a schedule by id or name', async () => {
    const { job } = await baton.jobs.submit({ tasks: [{ key: 'a', type: 'work', payload: { n: 1 } }] });
    await baton.jobs.await({ jobId: job.id, timeoutMs: 5_000 });
    expect((await baton.engine.events.history({ id: job.id })).events.map((e) => e.type)).toEqual(['JobSubmitted', 'JobSucceeded']);
    expect((await baton.engine.events.history({ id: 'w1' })).kind).toBe('agent');
    await baton.schedules.define({ name: 'nightly', cron: '0 3 * * *', task: { type: 'work', payload: { n: 1 } } });
    expect((await baton.engine.events.history({ id: 'nightly' })).state).toMatchObject({ name: 'nightly', cron: '0 3 * * *' });
    expect(((await inject({ method: 'GET', url: '/v1/history/nope' })).json() as { code: string }).code).toBe('STREAM_NOT_FOUND');
  });
});
