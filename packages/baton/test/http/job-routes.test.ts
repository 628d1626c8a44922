import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, JobResponseSchema, JobAwaitResponseSchema, JobListResponseSchema, ProblemSchema, SubmitResponseSchema, TaskResourceSchema } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { injectWith, tokenFor } from '../support/auth.js';

const add = defineTask({ type: 'add', schema: z.object({ n: z.number() }) });
const orphan = defineTask({ type: 'orphan', schema: z.object({}) });
const quiet = { warn: () => undefined, error: () => undefined };

describe('HTTP /v1/jobs through Fastify inject()', () => {
  let baton: Baton;
  let app: FastifyInstance;
  let inject: ReturnType<typeof injectWith>;

  beforeAll(async () => {
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [add, orphan], logger: quiet });
    app = await createHttpServer({ engine: baton.engine });
    inject = injectWith(app, await tokenFor(baton));
    const agent = baton.agents.create({ id: 'adder', labels: { service: 'math' } });
    agent.handle(add, (payload, ctx) => payload.n + Object.values(ctx.results).reduce<number>((s, r) => s + (r as number), 0));
    await agent.start();
  });
  afterAll(async () => {
    await app.close();
    await baton.close({ graceMs: 100 });
  });

  it('submits a job, shows its graph with each task state, awaits it and lists it', async () => {
    const res = await inject({
      method: 'POST',
      url: '/v1/jobs',
      payload: { name: 'sum', tasks: [{ key: 'x', type: 'add', payload: { n: 1 } }, { key: 'y', type: 'add', payload: { n: 2 }, dependsOn: ['x'] }] },
    });
    expect(res.statusCode).toBe(201);
    const { job } = JobResponseSchema.parse(res.json());
    expect(job.tasks.map((t) => [t.key, t.dependsOn])).toEqual([['x', []], ['y', ['x']]]);
    const awaited = JobAwaitResponseSchema.parse((await inject({ method: 'GET', url: `/v1/jobs/${job.id}/await?wait=10s` })).json());
    expect(awaited).toMatchObject({ done: true, job: { state: 'succeeded', tasks: [{ key: 'x', state: 'succeeded', result: 1 }, { key: 'y', state: 'succeeded', result: 3, agentId: null }] } });
    const got = JobResponseSchema.parse((await inject({ method: 'GET', url: `/v1/jobs/${job.id}` })).json());
    expect(got.job.state).toBe('succeeded');
    const listed = JobListResponseSchema.parse((await inject({ method: 'GET', url: '/v1/jobs?state=succeeded' })).json());
    expect(listed.items.map((j) => j.id)).toContain(job.id);
    expect(listed.items[0]).toMatchObject({ name: 'sum', taskCount: 2 });
  });

  it('warns when no live agent can run a task, refuses on request, and the waiting task says why', async () => {
    const warned = await inject({ method: 'POST', url: '/v1/tasks', payload: { type: 'orphan', payload: {} } });
    expect(warned.statusCode).toBe(201);
    const body = SubmitResponseSchema.parse(warned.json());
    expect(body.warnings).toEqual(['no live agent runs "orphan"; it waits until one registers']);
    const got = TaskResourceSchema.parse((await inject({ method: 'GET', url: `/v1/tasks/${body.task.id}` })).json());
    expect(got.waiting).toEqual({ reason: 'no-agent', message: 'no live agent runs "orphan"; it waits until one registers' });

    const targeted = SubmitResponseSchema.parse((await inject({ method: 'POST', url: '/v1/tasks', payload: { type: 'add', payload: { n: 1 }, target: { service: 'db' } } })).json());
    expect(targeted.warnings?.[0]).toContain('no live agent runs "add" and has service "db"');

    const refused = await inject({ method: 'POST', url: '/v1/tasks', payload: { type: 'orphan', payload: {}, whenNoAgent: 'refuse' } });
    expect(refused.statusCode).toBe(422);
    expect(ProblemSchema.parse(refused.json())).toMatchObject({ code: 'NO_AGENT_CAN_RUN' });
    const refusedJob = await inject({ method: 'POST', url: '/v1/jobs', payload: { whenNoAgent: 'refuse', tasks: [{ key: 'a', type: 'add', payload: { n: 1 } }, { key: 'b', type: 'orphan', payload: {} }] } });
    expect(ProblemSchema.parse(refusedJob.json())).toMatchObject({ code: 'NO_AGENT_CAN_RUN', errors: [{ path: 'tasks[1].type', rule: 'no_live_agent' }] });
    const served = SubmitResponseSchema.parse((await inject({ method: 'POST', url: '/v1/tasks', payload: { type: 'add', payload: { n: 1 }, whenNoAgent: 'refuse' } })).json());
    expect(served.warnings).toBeUndefined();
  });

  it('explains a blocked task and a task waiting behind its serial key', async () => {
    await baton.types.pause({ taskType: 'add', reason: 'test' });
    try {
      const { job } = JobResponseSchema.parse(
        (await inject({ method: 'POST', url: '/v1/jobs', payload: { tasks: [{ key: 'first', type: 'add', payload: { n: 1 } }, { key: 'second', type: 'add', payload: { n: 1 }, dependsOn: ['first'] }] } })).json(),
      );
      const second = TaskResourceSchema.parse((await inject({ method: 'GET', url: `/v1/tasks/${job.tasks[1]?.taskId}` })).json());
      expect(second.waiting).toEqual({ reason: 'dependencies', message: 'waits for "first" (queued) to succeed' });
      const first = TaskResourceSchema.parse((await inject({ method: 'GET', url: `/v1/tasks/${job.tasks[0]?.taskId}` })).json());
      expect(first.waiting?.reason).toBe('paused');
    } finally {
      await baton.types.resume({ taskType: 'add' });
    }
    // The key's first task waits an hour; the second, queued behind it, says so.
    const a = SubmitResponseSchema.parse((await inject({ method: 'POST', url: '/v1/tasks', payload: { type: 'add', payload: { n: 1 }, serialKey: 'k', delayMs: 3_600_000 } })).json());
    const b = SubmitResponseSchema.parse((await inject({ method: 'POST', url: '/v1/tasks', payload: { type: 'add', payload: { n: 1 }, serialKey: 'k' } })).json());
    const behind = TaskResourceSchema.parse((await inject({ method: 'GET', url: `/v1/tasks/${b.task.id}` })).json());
    expect(behind.waiting).toEqual({ reason: 'serial-key', message: `task ${a.task.id} of serial key "k" is ahead of it; one runs at a time, in order` });
    expect(TaskResourceSchema.parse((await inject({ method: 'GET', url: `/v1/tasks/${a.task.id}` })).json()).waiting?.reason).toBe('scheduled');
  });
});
