import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, type TaskView } from '@baton/core';
import { NonRetryableError } from '@baton/client';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { makeTempDir } from '../support/temp-dir.js';

const email = defineTask({ type: 'email.send', schema: z.object({ to: z.email(), subject: z.string().max(100) }) });
const flaky = defineTask({ type: 'flaky', schema: z.object({ failTimes: z.number().int() }), defaults: { backoff: { baseMs: 20, jitter: 0 } } });
const slow = defineTask({ type: 'slow', schema: z.object({ ms: z.number() }) });

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const quiet = { warn: () => undefined, error: () => undefined };

describe('embedded Baton on a SQLite file', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let baton: Baton;
  let path: string;
  beforeEach(async () => {
    tmp = makeTempDir('engine');
    path = join(tmp.dir, 'baton.db');
    baton = await createBaton({ database: `sqlite:${path}`, definitions: [email, flaky, slow], logger: quiet });
  });
  afterEach(async () => {
    await baton.close({ graceMs: 100 });
    tmp.remove();
  });

  it('runs a submitted task on an in-process agent and await returns its result', async () => {
    const agent = baton.agents.create({ concurrency: 2 });
    agent.handle(email, async (payload, ctx) => ({ sentTo: payload.to, attempt: ctx.attempt, id: ctx.taskId }));
    await agent.start();
    const { task } = await baton.tasks.submit({ type: 'email.send', payload: { to: 'a@example.com', subject: 'hi' } });
    const done = await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    expect(done).toMatchObject({ state: 'succeeded', result: { sentTo: 'a@example.com', attempt: 1, id: task.id } });
  });

  it('refuses an unknown type and a payload that breaks the schema, naming the field and rule, storing nothing', async () => {
    await expect(baton.tasks.submit({ type: 'nope', payload: {} })).rejects.toMatchObject({ code: 'UNKNOWN_TASK_TYPE' });
    const bad = baton.tasks.submit({ type: 'email.send', payload: { to: 'not-an-email', subject: 'x' } });
    await expect(bad).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', issues: [{ path: 'payload.to', rule: 'invalid_format' }] });
    await expect(baton.tasks.submit({ type: 'email.send', payload: { to: 'a@b.co', subject: 'x' }, priority: 1.5 })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      issues: [{ path: 'priority' }],
    });
    await expect(baton.tasks.submitMany({ tasks: [{ type: 'email.send', payload: { to: 'a@b.co', subject: 's' } }, { type: 'email.send', payload: {} }] })).rejects.toMatchObject({
      code: 'PAYLOAD_INVALID',
      issues: [{ path: 'tasks[1].payload.to' }, { path: 'tasks[1].payload.subject' }],
    });
    expect((await baton.tasks.list({})).items).toEqual([]);
  });

  it('returns the original task for a repeated idempotency key', async () => {
    const first = await baton.tasks.submit({ type: 'email.send', payload: { to: 'a@b.co', subject: '1' }, idempotencyKey: 'k' });
    const second = await baton.tasks.submit({ type: 'email.send', payload: { to: 'c@d.co', subject: '2' }, idempotencyKey: 'k' });
    expect(second).toMatchObject({ task: first.task, created: false });
    expect((await baton.tasks.list({})).items).toHaveLength(1);
  });

  it('retries with backoff, then fails keeping every attempt error', async () => {
    const agent = baton.agents.create({ concurrency: 1 });
    agent.handle(flaky, async (_p, ctx) => {
      throw new Error(`attempt ${ctx.attempt} broke`);
    });
    await agent.start();
    const { task } = await baton.tasks.submit({ type: 'flaky', payload: { failTimes: 9 }, maxAttempts: 3 });
    const done = await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    expect(done.state).toBe('failed');
    expect(done.endReason).toBe('attempts-exhausted');
    expect(done.errors.map((e) => e.message)).toEqual(['attempt 1 broke', 'attempt 2 broke', 'attempt 3 broke']);
    // Backoff 20 ms then 40 ms: the attempts were spaced, not immediate.
    expect(done.errors[2]!.at - done.errors[0]!.at).toBeGreaterThanOrEqual(60);
  });

  it('succeeds on a later attempt, and a NonRetryableError fails at once', async () => {
    const agent = baton.agents.create({ concurrency: 2 });
    agent.handle(flaky, async (p, ctx) => {
      if (p.failTimes < 0) throw new NonRetryableError('hopeless');
      if (ctx.attempt <= p.failTimes) throw new Error('not yet');
      return ctx.attempt;
    });
    await agent.start();
    const eventual = await baton.tasks.submit({ type: 'flaky', payload: { failTimes: 2 }, maxAttempts: 5 });
    const hopeless = await baton.tasks.submit({ type: 'flaky', payload: { failTimes: -1 }, maxAttempts: 5 });
    expect(await baton.tasks.await({ taskId: eventual.task.id, timeoutMs: 5_000 })).toMatchObject({ state: 'succeeded', result: 3 });
    expect(await baton.tasks.await({ taskId: hopeless.task.id, timeoutMs: 5_000 })).toMatchObject({ state: 'failed', endReason: 'not-retryable', attempt: 1 });
  });

  it('fails at once on an error name the definition lists as permanent, and a manual retry runs it again with its history', async () => {
    const strict = defineTask({ type: 'strict', schema: z.object({}), defaults: { maxAttempts: 5, nonRetryable: ['ValidationError'] } });
    baton.definitions.register(strict);
    let fixed = false;
    const agent = baton.agents.create({ concurrency: 1 });
    agent.handle(strict, async () => {
      if (fixed) return 'ok now';
      const error = new Error('bad input');
      error.name = 'ValidationError';
      throw error;
    });
    await agent.start();
    const { task } = await baton.tasks.submit({ type: 'strict', payload: {} });
    const failed = await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    expect(failed).toMatchObject({ state: 'failed', endReason: 'not-retryable', attempt: 1, errors: [{ name: 'ValidationError' }] });
    fixed = true;
    expect(await baton.tasks.retry({ taskId: task.id })).toMatchObject({ state: 'queued', maxAttempts: 2 });
    const done = await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    expect(done).toMatchObject({ state: 'succeeded', result: 'ok now', attempt: 2, errors: [{ name: 'ValidationError' }] });
    const types = (await baton.events.readStream({ streamId: task.id })).map((e) => e.type);
    expect(types).toEqual(['TaskSubmitted', 'TaskClaimed', 'TaskAttemptFailed', 'TaskFailed', 'TaskRetried', 'TaskClaimed', 'TaskSucceeded']);
    await expect(baton.tasks.retry({ taskId: task.id })).rejects.toMatchObject({ code: 'TASK_NOT_ENDED_IN_FAILURE' });
  });

  it('records progress fenced by the token, at most once a second with the latest value winning', async () => {
    let finish: () => void = () => undefined;
    const agent = baton.agents.create({ concurrency: 1 });
    agent.handle(slow, async (_p, ctx) => {
      await ctx.progress({ step: 1 });
      for (let step = 2; step <= 50; step++) void ctx.progress({ step });
      await new Promise<void>((resolve) => (finish = resolve));
      return 'done';
    });
    await agent.start();
    const { task } = await baton.tasks.submit({ type: 'slow', payload: { ms: 0 } });
    const stepNow = async () => ((await baton.tasks.get({ taskId: task.id })).progress as { step?: number } | null)?.step;
    const deadline = Date.now() + 5_000;
    while ((await stepNow()) !== 50 && Date.now() < deadline) await sleep(50);
    expect((await baton.tasks.get({ taskId: task.id })).progress).toEqual({ step: 50 });
    finish();
    await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    const progressed = (await baton.events.readStream({ streamId: task.id })).filter((e) => e.type === 'TaskProgressed');
    // Fifty reports, two writes: the first at once, the last value a second later.
    expect(progressed.map((e) => (e.data as { progress: { step: number } }).progress.step)).toEqual([1, 50]);
    // A stale token cannot write progress.
    await expect(baton.engine.work.progress({ taskId: task.id, token: 0, progress: 'zombie' })).rejects.toMatchObject({ code: 'STALE_LEASE' });
  });

  it('starts a delayed task when it is due, never before', async () => {
    const started: number[] = [];
    const agent = baton.agents.create({ concurrency: 5, pollIntervalMs: 60_000 });
    agent.handle(slow, async () => void started.push(Date.now()));
    await agent.start();
    const { task } = await baton.tasks.submit({ type: 'slow', payload: { ms: 0 }, delayMs: 250 });
    expect(task.state).toBe('scheduled');
    const done = await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    expect(done.state).toBe('succeeded');
    // The agent's idle poll is a minute long: only the due timer can have woken it.
    expect(started[0]!).toBeGreaterThanOrEqual(task.runAt);
    expect(started[0]! - task.runAt).toBeLessThan(1_000);
  });

  it('cancels a queued task, and a running one through its AbortSignal', async () => {
    const queued = await baton.tasks.submit({ type: 'slow', payload: { ms: 10 }, delayMs: 60_000 });
    expect(await baton.tasks.cancel({ taskId: queued.task.id })).toMatchObject({ state: 'cancelled' });
    let aborted = false;
    let started = false;
    const agent = baton.agents.create({ concurrency: 1 });
    agent.handle(slow, (_p, ctx) => new Promise((_resolve, reject) => {
      started = true;
      ctx.signal.addEventListener('abort', () => {
        aborted = true;
        reject(ctx.signal.reason);
      });
    }));
    await agent.start();
    const running = await baton.tasks.submit({ type: 'slow', payload: { ms: 1e9 } });
    while (!started) await sleep(5);
    expect(await baton.tasks.cancel({ taskId: running.task.id })).toMatchObject({ state: 'running', cancelRequested: true });
    expect(await baton.tasks.await({ taskId: running.task.id, timeoutMs: 5_000 })).toMatchObject({ state: 'cancelled' });
    expect(aborted).toBe(true);
    await expect(baton.tasks.cancel({ taskId: running.task.id })).rejects.toMatchObject({ code: 'TASK_FINISHED' });
  });

  it('await gives up at its deadline with AWAIT_TIMEOUT, and TASK_NOT_FOUND for an unknown id', async () => {
    const { task } = await baton.tasks.submit({ type: 'slow', payload: { ms: 1 }, delayMs: 60_000 });
    const t0 = Date.now();
    await expect(baton.tasks.await({ taskId: task.id, timeoutMs: 100 })).rejects.toMatchObject({ code: 'AWAIT_TIMEOUT' });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(95);
    await expect(baton.tasks.await({ taskId: 'missing', timeoutMs: 100 })).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
  });

  it('never runs more handlers than its concurrency', async () => {
    let now = 0;
    let peak = 0;
    const agent = baton.agents.create({ concurrency: 3 });
    agent.handle(slow, async (p) => {
      now += 1;
      peak = Math.max(peak, now);
      await sleep(p.ms);
      now -= 1;
    });
    await agent.start();
    const { length } = await baton.tasks.submitMany({ tasks: Array.from({ length: 20 }, () => ({ type: 'slow', payload: { ms: 15 } })) });
    expect(length).toBe(20);
    const ids = (await baton.tasks.list({ limit: 100 })).items.map((t) => t.id);
    for (const id of ids) await baton.tasks.await({ taskId: id, timeoutMs: 5_000 });
    expect(peak).toBe(3);
  });

  it('stop waits for running handlers within the grace period', async () => {
    const agent = baton.agents.create({ concurrency: 2 });
    agent.handle(slow, async (p) => {
      await sleep(p.ms);
      return 'finished';
    });
    await agent.start();
    const { task } = await baton.tasks.submit({ type: 'slow', payload: { ms: 100 } });
    while ((await baton.tasks.get({ taskId: task.id })).state !== 'running') await sleep(5);
    await agent.stop({ graceMs: 2_000 });
    expect(await baton.tasks.get({ taskId: task.id })).toMatchObject({ state: 'succeeded', result: 'finished' });
  });

  it('stop past the grace aborts handlers and gives their tasks back without spending an attempt', async () => {
    let signalled = false;
    const agent = baton.agents.create({ concurrency: 2 });
    agent.handle(slow, (_p, ctx) => new Promise(() => ctx.signal.addEventListener('abort', () => (signalled = true))));
    await agent.start();
    const { task } = await baton.tasks.submit({ type: 'slow', payload: { ms: 1e9 }, maxAttempts: 1 });
    while ((await baton.tasks.get({ taskId: task.id })).state !== 'running') await sleep(5);
    await agent.stop({ graceMs: 50 });
    expect(signalled).toBe(true);
    const after: TaskView = await baton.tasks.get({ taskId: task.id });
    expect(after).toMatchObject({ state: 'queued', attempt: 0, token: 1 });
    // Another agent picks it up as attempt 1 of 1: the stop cost nothing.
    const second = baton.agents.create({ concurrency: 1 });
    second.handle(slow, async (_p, ctx) => ctx.attempt);
    await second.start();
    expect(await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 })).toMatchObject({ state: 'succeeded', result: 1, token: 2 });
  });

  it('fails an attempt that runs past its timeout and frees the slot', async () => {
    const agent = baton.agents.create({ concurrency: 1 });
    agent.handle(slow, async (p) => {
      await sleep(p.ms);
      return p.ms;
    });
    await agent.start();
    const stuck = await baton.tasks.submit({ type: 'slow', payload: { ms: 5_000 }, timeoutMs: 50, maxAttempts: 1 });
    const quick = await baton.tasks.submit({ type: 'slow', payload: { ms: 1 } });
    expect(await baton.tasks.await({ taskId: stuck.task.id, timeoutMs: 3_000 })).toMatchObject({ state: 'failed', errors: [{ name: 'TaskTimeoutError' }] });
    expect(await baton.tasks.await({ taskId: quick.task.id, timeoutMs: 3_000 })).toMatchObject({ state: 'succeeded' });
  });

  it('hands a payload stored at version 1 to a version 2 handler through the upcaster', async () => {
    const v1 = defineTask({ type: 'greet', version: 1, schema: z.object({ name: z.string() }) });
    const v2 = defineTask({
      type: 'greet',
      version: 2,
      schema: z.object({ first: z.string(), last: z.string() }),
      upcast: ({ payload, fromVersion }) => {
        if (fromVersion !== 1) throw new Error(`cannot read version ${fromVersion}`);
        const [first = '', last = ''] = (payload as { name: string }).name.split(' ');
        return { first, last };
      },
    });
    baton.definitions.register(v1);
    const { task } = await baton.tasks.submit({ type: 'greet', payload: { name: 'Ada Lovelace' }, delayMs: 200 });
    expect(task.payloadVersion).toBe(1);
    await baton.close();
    // A deploy: the same database, opened by code that knows only version 2.
    baton = await createBaton({ database: `sqlite:${path}`, definitions: [v2], logger: quiet });
    const agent = baton.agents.create({ concurrency: 1 });
    agent.handle(v2, async (payload) => `${payload.last}, ${payload.first}`);
    await agent.start();
    expect(await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 })).toMatchObject({ state: 'succeeded', result: 'Lovelace, Ada' });
  });
});
