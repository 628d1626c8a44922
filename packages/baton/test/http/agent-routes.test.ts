import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AgentResourceSchema, defineTask, ProblemSchema } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { injectWith, tokenFor } from '../support/auth.js';

const hold = defineTask({ type: 'hold', schema: z.object({}) });
const quiet = { warn: () => undefined, error: () => undefined };

describe('HTTP /v1/agents through Fastify inject()', () => {
  let baton: Baton;
  let app: FastifyInstance;
  let inject: ReturnType<typeof injectWith>;
  let release: () => void = () => undefined;

  beforeAll(async () => {
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [hold], logger: quiet });
    app = await createHttpServer({ engine: baton.engine });
    inject = injectWith(app, await tokenFor(baton));
  });
  afterAll(async () => {
    release();
    await app.close();
    await baton.close({ graceMs: 100 });
  });

  it('lists a registered agent with its labels, liveness and load, and the tasks it holds', async () => {
    const agent = baton.agents.create({ id: 'db-agent-1', concurrency: 2, labels: { service: 'db', tags: ['eu', 'primary'] }, host: 'db1.internal' });
    agent.handle(hold, () => new Promise<void>((resolve) => (release = resolve)));
    await agent.start();
    const { task } = await baton.tasks.submit({ type: 'hold', payload: {} });
    while ((await baton.tasks.get({ taskId: task.id })).state !== 'running') await new Promise((r) => setTimeout(r, 10));

    const listed = await inject({ method: 'GET', url: '/v1/agents?state=live' });
    expect(listed.statusCode).toBe(200);
    const [item] = listed.json().items;
    expect(AgentResourceSchema.parse(item)).toMatchObject({
      id: 'db-agent-1',
      host: 'db1.internal',
      labels: { service: 'db', tags: ['eu', 'primary'] },
      types: ['hold'],
      state: 'live',
      concurrency: 2,
      running: 1,
      load: 0.5,
      taskIds: [task.id],
    });
    expect(item.lastSeenAt).toMatch(/^\d{4}-/);

    const one = await inject({ method: 'GET', url: '/v1/agents/db-agent-1' });
    expect(one.json()).toMatchObject({ id: 'db-agent-1', taskIds: [task.id] });

    release();
    await baton.tasks.await({ taskId: task.id, timeoutMs: 2_000 });
    await agent.stop({ graceMs: 100 });
    const stopped = await inject({ method: 'GET', url: '/v1/agents/db-agent-1' });
    expect(stopped.json()).toMatchObject({ state: 'stopped', endReason: 'stopped', running: 0, aliveUntil: null });
    expect((await inject({ method: 'GET', url: '/v1/agents?state=live' })).json().items).toEqual([]);
    const history = await baton.events.readStream({ streamId: 'agent:db-agent-1' });
    expect(history.map((e) => e.type)).toEqual(['AgentRegistered', 'AgentStopped']);
  });

  it('answers an unknown agent with 404 AGENT_NOT_FOUND and a bad filter with 400, as problem+json', async () => {
    const missing = await inject({ method: 'GET', url: '/v1/agents/nobody' });
    expect(missing.statusCode).toBe(404);
    expect(ProblemSchema.parse(missing.json())).toMatchObject({ code: 'AGENT_NOT_FOUND' });
    const bad = await inject({ method: 'GET', url: "/v1/agents?state=live,dead'--" });
    expect(bad.statusCode).toBe(400);
    expect(ProblemSchema.parse(bad.json())).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('pauses and resumes a type over /v1/types, refusing a bad type name', async () => {
    const paused = await inject({ method: 'POST', url: '/v1/types/hold/pause', payload: { reason: 'deploy' } });
    expect(paused.statusCode).toBe(200);
    expect(paused.json()).toMatchObject({ type: 'hold', paused: true, reason: 'deploy' });
    expect((await inject({ method: 'GET', url: '/v1/types' })).json()).toMatchObject({ items: [{ type: 'hold', paused: true }] });
    expect((await inject({ method: 'POST', url: '/v1/types/hold/resume', payload: {} })).json()).toMatchObject({ paused: false });
    const bad = await inject({ method: 'POST', url: "/v1/types/1;drop/pause", payload: {} });
    expect(bad.statusCode).toBe(400);
    expect(ProblemSchema.parse(bad.json())).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('lists the task definitions with their payload schemas as JSON Schema', async () => {
    const listed = await inject({ method: 'GET', url: '/v1/definitions' });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items).toEqual([{ type: 'hold', version: 1, payloadSchema: expect.objectContaining({ type: 'object' }), defaults: {} }]);
    expect((await inject({ method: 'GET', url: '/v1/definitions/hold' })).json()).toMatchObject({ type: 'hold' });
    const missing = await inject({ method: 'GET', url: '/v1/definitions/nope' });
    expect(ProblemSchema.parse(missing.json())).toMatchObject({ code: 'DEFINITION_NOT_FOUND', status: 404 });
  });
});
