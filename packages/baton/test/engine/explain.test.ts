import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, explainTask, TaskExplanationSchema, type TaskExplanation, type TaskView } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { injectWith, tokenFor } from '../support/auth.js';
import { makeTempDir } from '../support/temp-dir.js';

const work = defineTask({ type: 'work', schema: z.object({ n: z.number() }) });
const flaky = defineTask({ type: 'flaky', schema: z.object({}), defaults: { backoff: { baseMs: 3_600_000, factor: 1, maxMs: 3_600_000, jitter: 0 } } });
const quiet = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * "Why isn't my task running?" on a real embedded Baton (SQLite file): each
 * reason set up for real, asked through the library and over HTTP.
 */
describe('explain: every reason a task is not running', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let baton: Baton;
  let app: FastifyInstance;
  let inject: ReturnType<typeof injectWith>;
  const release: (() => void)[] = [];

  beforeEach(async () => {
    tmp = makeTempDir('explain');
    baton = await createBaton({ database: `sqlite:${tmp.dir}/baton.db`, definitions: [work, flaky], logger: quiet, sweepIntervalMs: 50 });
    app = await createHttpServer({ engine: baton.engine });
    inject = injectWith(app, await tokenFor(baton));
  });
  afterEach(async () => {
    for (const r of release.splice(0)) r();
    await app.close();
    await baton.close({ graceMs: 100 });
    tmp.remove();
  });

  /** The library's answer, checked against the HTTP endpoint's, which must be the same. */
  async function explain(taskId: string): Promise<TaskExplanation> {
    const direct = await baton.tasks.explain({ taskId });
    const res = await inject({ method: 'GET', url: `/v1/tasks/${taskId}/explain` });
    expect(res.statusCode).toBe(200);
    expect(TaskExplanationSchema.parse(res.json())).toEqual(direct);
    return direct;
  }
  const codes = (e: TaskExplanation) => e.reasons.map((r) => r.code);

  /** An agent whose handler holds each task until the test ends. */
  async function holdingAgent(params: { id: string; concurrency: number; service?: string }) {
    const agent = baton.agents.create({ id: params.id, concurrency: params.concurrency, ...(params.service ? { labels: { service: params.service } } : {}) });
    agent.handle(work, () => new Promise<number>((resolve) => release.push(() => resolve(1))));
    await agent.start();
    return agent;
  }
  async function untilState(taskId: string, state: TaskView['state']): Promise<void> {
    const deadline = Date.now() + 5_000;
    while ((await baton.tasks.get({ taskId })).state !== state) {
      if (Date.now() > deadline) throw new Error(`task ${taskId} never reached ${state}`);
      await sleep(10);
    }
  }

  it('no live agent; then its run time, with when', async () => {
    const { task } = await baton.tasks.submit({ type: 'work', payload: { n: 1 }, delayMs: 3_600_000 });
    const e = await explain(task.id);
    expect(codes(e)).toEqual(['scheduled', 'no-agent']);
    expect(e.reasons[0]).toMatchObject({ until: task.runAt, message: `due at ${new Date(task.runAt).toISOString()}` });
    expect(e.reasons[1]?.message).toBe('no live agent runs "work"; it waits until one registers');
    expect(e.summary).toBe(e.reasons[0]?.message);
  });

  it('retry backoff after a failed attempt, until the retry time', async () => {
    const agent = baton.agents.create({ id: 'failer' });
    agent.handle(flaky, () => {
      throw new Error('not yet');
    });
    await agent.start();
    const { task } = await baton.tasks.submit({ type: 'flaky', payload: {} });
    await untilState(task.id, 'scheduled');
    const backoff = await baton.tasks.get({ taskId: task.id });
    const e = await explain(task.id);
    expect(codes(e)).toEqual(['retry-backoff']);
    expect(e.reasons[0]).toMatchObject({ until: backoff.runAt, message: `attempt 1 of 3 failed; it is retried at ${new Date(backoff.runAt).toISOString()}` });
  });

  it('dependencies, naming each one that has not succeeded and its state', async () => {
    await baton.types.pause({ taskType: 'work', reason: 'hold the first' });
    const { job } = await baton.jobs.submit({ tasks: [{ key: 'first', type: 'work', payload: { n: 1 } }, { key: 'second', type: 'work', payload: { n: 2 }, dependsOn: ['first'] }] });
    const [first, second] = job.tasks;
    const e = await explain(second!.taskId);
    expect(e.reasons[0]).toEqual({ code: 'dependencies', message: 'waits for "first" (queued) to succeed', until: null, taskIds: [first!.taskId] });
    // Its type is paused too, which will hold it once its dependency is done.
    expect(codes(e)).toEqual(['dependencies', 'paused', 'no-agent']);
  });

  it('a paused type', async () => {
    await holdingAgent({ id: 'a1', concurrency: 2 });
    await baton.types.pause({ taskType: 'work', reason: 'maintenance' });
    const { task } = await baton.tasks.submit({ type: 'work', payload: { n: 1 } });
    const e = await explain(task.id);
    expect(codes(e)).toEqual(['paused']);
    expect(e.reasons[0]?.message).toBe('type "work" is paused; resume it to let agents claim it');
  });

  it('the serial key held by the task running ahead of it', async () => {
    await holdingAgent({ id: 'a1', concurrency: 2 });
    const first = await baton.tasks.submit({ type: 'work', payload: { n: 1 }, serialKey: 'account-7' });
    await untilState(first.task.id, 'running');
    const second = await baton.tasks.submit({ type: 'work', payload: { n: 2 }, serialKey: 'account-7' });
    const e = await explain(second.task.id);
    expect(e.reasons).toEqual([
      { code: 'serial-key', message: `task ${first.task.id} of serial key "account-7" is running; one runs at a time, in order`, until: null, taskIds: [first.task.id] },
    ]);
  });

  it('a concurrency limit that is full', async () => {
    await holdingAgent({ id: 'a1', concurrency: 5 });
    await baton.limits.set({ scope: 'type:work', concurrency: 1, rate: null });
    const first = await baton.tasks.submit({ type: 'work', payload: { n: 1 } });
    await untilState(first.task.id, 'running');
    const second = await baton.tasks.submit({ type: 'work', payload: { n: 2 } });
    const e = await explain(second.task.id);
    expect(e.reasons).toEqual([{ code: 'concurrency-limit', message: 'type:work allows 1 running at once and 1 are running; it starts when one ends', until: null, taskIds: [] }]);
  });

  it('a rate limit that is full, until the window has room', async () => {
    await holdingAgent({ id: 'a1', concurrency: 5 });
    await baton.limits.set({ scope: 'key:tenant-9', concurrency: null, rate: { count: 1, intervalMs: 600_000 } });
    const first = await baton.tasks.submit({ type: 'work', payload: { n: 1 }, limitKey: 'tenant-9' });
    await untilState(first.task.id, 'running');
    const started = (await baton.events.readStream({ streamId: first.task.id })).find((ev) => ev.type === 'TaskClaimed')!.time;
    const second = await baton.tasks.submit({ type: 'work', payload: { n: 2 }, limitKey: 'tenant-9' });
    const e = await explain(second.task.id);
    expect(codes(e)).toEqual(['rate-limit']);
    expect(e.reasons[0]?.until).toBe(started + 600_000);
    expect(e.reasons[0]?.message).toBe(`key:tenant-9 allows 1 starts per 600000 ms and that many started in the window; room again at ${new Date(started + 600_000).toISOString()}`);
  });

  it('no live agent matches its target, then every matching agent is busy', async () => {
    await holdingAgent({ id: 'web-1', concurrency: 1, service: 'web' });
    const targeted = await baton.tasks.submit({ type: 'work', payload: { n: 1 }, target: { service: 'db' } });
    const e = await explain(targeted.task.id);
    expect(e.reasons).toEqual([{ code: 'no-agent', message: 'no live agent runs "work" and matches its target; it waits until one registers', until: null, taskIds: [] }]);
    const first = await baton.tasks.submit({ type: 'work', payload: { n: 1 }, target: { service: 'web' } });
    await untilState(first.task.id, 'running');
    const second = await baton.tasks.submit({ type: 'work', payload: { n: 2 }, target: { service: 'web' } });
    expect((await explain(second.task.id)).reasons).toEqual([{ code: 'agents-busy', message: 'all 1 matching agent(s) are running as many tasks as they may', until: null, taskIds: [] }]);
    // A running task has no reasons: it says where it runs.
    const running = await explain(first.task.id);
    expect(running).toMatchObject({ state: 'running', reasons: [], agentId: 'web-1', summary: 'running on agent web-1, attempt 1 of 3' });
  });

  it('an ended task says how it ended; an unknown id is a 404 problem', async () => {
    const { task } = await baton.tasks.submit({ type: 'work', payload: { n: 1 } });
    await baton.tasks.cancel({ taskId: task.id, reason: 'not needed' });
    expect(await explain(task.id)).toMatchObject({ state: 'cancelled', reasons: [], summary: 'ended cancelled (not needed)' });
    const missing = await inject({ method: 'GET', url: '/v1/tasks/nope/explain' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'TASK_NOT_FOUND' });
  });
});

describe('explainTask (pure): the cases the live tests cannot hold still', () => {
  const base = { id: 't1', type: 'work', state: 'queued', attempt: 0, maxAttempts: 3, runAt: 0, target: null, serialKey: null, broadcast: null, agentId: null, endReason: null } as unknown as TaskView;
  const context = { now: 0, paused: false, pendingDependencies: [], serialHolder: null, limits: [] };

  it('ready, with how many agents have room', () => {
    expect(explainTask({ ...context, task: base, agents: { matching: 3, withFreeSlots: 2 } }).reasons).toEqual([
      { code: 'ready', message: 'ready; 2 matching agent(s) have free slots and claim it on their next poll', until: null, taskIds: [] },
    ]);
  });

  it('a broadcast step waiting to fan out', () => {
    const step = { ...base, broadcast: { onAgentLost: 'fail' } } as unknown as TaskView;
    expect(explainTask({ ...context, task: step, agents: { matching: 4, withFreeSlots: 0 } }).reasons.map((r) => r.code)).toEqual(['fan-out-pending']);
  });

  it('a rate window whose oldest start is unknown gives no time, and never a time in the past', () => {
    const limits = [{ scope: 'type:work', concurrency: null, running: 0, rate: { count: 1, intervalMs: 1_000, recentStarts: 1, oldestRecentStart: null } }];
    expect(explainTask({ ...context, task: base, limits, agents: { matching: 1, withFreeSlots: 1 } }).reasons[0]?.until).toBeNull();
    const old = [{ ...limits[0]!, rate: { ...limits[0]!.rate, oldestRecentStart: 10 } }];
    expect(explainTask({ ...context, now: 5_000, task: base, limits: old, agents: { matching: 1, withFreeSlots: 1 } }).reasons[0]?.until).toBe(5_000);
  });
});
