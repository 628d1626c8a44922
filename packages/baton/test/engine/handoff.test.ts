import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDefinitionRegistry, defineTask, type AnyDefinition, type NewTask, type TaskStore, type TaskView } from '@baton/core';
import { createAgent } from '@baton/client';
import { createEngine } from '../../src/engine/engine.js';
import { createHandoffs } from '../../src/engine/handoff.js';
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { createInProcessTransport } from '../../src/transport/in-process-transport.js';
import { createUuidV7Ids } from '../../src/app/uuid-v7.js';
import { makeTempDir } from '../support/temp-dir.js';

const ping = defineTask({ type: 'ping', schema: z.object({ n: z.number() }) });
const quiet = { warn: () => undefined, error: () => undefined };
const clock = { now: () => Date.now() };

const ready = (taskId: string, taskType = 'ping'): NewTask => ({
  taskId,
  taskType,
  payloadVersion: 1,
  payload: null,
  priority: 0,
  runAt: 0,
  startsAfterMs: 0,
  maxAttempts: 3,
  backoff: { baseMs: 10, factor: 2, maxMs: 100, jitter: 0 },
  timeoutMs: null,
  idempotencyKey: null,
});
const running = (id: string, agentId: string) => ({ id, state: 'running', agentId }) as TaskView;

describe('handoffs: which idle claimer a new task goes to', () => {
  it('reserves no more than a claimer asked for, only of its types, and only for tasks nothing could hold back', async () => {
    const handoffs = createHandoffs();
    const wait = handoffs.wait({ agentId: 'a', types: new Set(['ping']), limit: 2 });
    const delayed = { ...ready('t-delayed'), startsAfterMs: 1_000 };
    const serial = { ...ready('t-serial'), serialKey: 'k' };
    const reservation = handoffs.reserve([ready('t-1'), ready('t-other', 'pong'), delayed, serial, ready('t-2'), ready('t-3')]);
    expect(reservation ? [...reservation.agents] : null).toEqual([
      ['t-1', 'a'],
      ['t-2', 'a'],
    ]);
    // Reserved: a second submission in flight cannot promise it the same slots.
    expect(handoffs.reserve([ready('t-4')])).toBeNull();
    reservation?.settle([running('t-1', 'a'), running('t-2', 'a')]);
    await wait.offered;
    expect((await wait.close()).map((t) => t.id)).toEqual(['t-1', 't-2']);
  });

  it('puts a claimer back among the idle when the store handed it nothing, and never one that has closed', async () => {
    const handoffs = createHandoffs();
    const wait = handoffs.wait({ agentId: 'a', types: new Set(['ping']), limit: 1 });
    handoffs.reserve([ready('t-1')])?.settle([{ ...running('t-1', 'a'), state: 'queued', agentId: null }]);
    const again = handoffs.reserve([ready('t-2')]);
    expect(again?.agents.get('t-2')).toBe('a');
    // The claimer stops waiting while the write is in flight: close() waits for it and returns what was handed.
    const closing = wait.close();
    again?.settle([]);
    expect(await closing).toEqual([]);
    expect(handoffs.reserve([ready('t-3')])).toBeNull();
  });
});

describe('an idle in-process agent gets a new task in the submission\'s own write', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let store: TaskStore;
  let claims: number[];
  let beforeWrite: () => void;
  let loseAnswer: boolean;
  let engine: ReturnType<typeof createEngine>;
  beforeEach(async () => {
    tmp = makeTempDir('handoff');
    const sqlite = createSqliteStore({ path: join(tmp.dir, 'baton.db'), clock });
    claims = [];
    // Every claim the agent makes is counted with what it found.
    beforeWrite = () => undefined;
    loseAnswer = false;
    store = {
      ...sqlite,
      claim: async (params) => {
        const found = await sqlite.claim(params);
        claims.push(found.length);
        return found;
      },
      submit: async (params) => {
        if (params.handoff) beforeWrite();
        const written = await sqlite.submit(params);
        if (params.handoff && loseAnswer) throw new Error('connection terminated unexpectedly');
        return written;
      },
    };
    const registry = createDefinitionRegistry({ definitions: [ping] as AnyDefinition[] });
    engine = createEngine({ store, clock, registry, ids: createUuidV7Ids({ clock }), logger: quiet });
    await engine.start();
  });
  afterEach(async () => {
    await engine.close();
    await store.close();
    tmp.remove();
  });

  it('runs it without a claim of its own', async () => {
    const agent = createAgent({ transport: createInProcessTransport({ engine }), concurrency: 4 });
    const seen: number[] = [];
    agent.handle(ping, async (payload) => {
      seen.push(payload.n);
      return payload.n;
    });
    await agent.start();
    for (let n = 1; n <= 3; n++) {
      // Wait until the agent is idle in its long-poll, as after a quiet spell.
      const before = claims.length;
      while (claims.length === before && n === 1) await new Promise((r) => setTimeout(r, 5));
      const { task } = await engine.tasks.submit({ type: 'ping', payload: { n } });
      expect(task).toMatchObject({ state: 'running', attempt: 1, token: 1 });
      expect((await engine.tasks.await({ taskId: task.id, timeoutMs: 5_000 })).task).toMatchObject({ state: 'succeeded', result: n });
      const history = await store.readStream({ streamId: task.id });
      expect(history.map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskClaimed', 'TaskSucceeded']);
      expect(history[1]?.seq).toBe((history[0]?.seq ?? 0) + 1);
    }
    await agent.stop();
    expect(seen).toEqual([1, 2, 3]);
    // Every claim it made found nothing: the three tasks came with their submissions.
    expect(claims.every((found) => found === 0)).toBe(true);
  });

  it('runs a delayed task handed over by its promotion, without a claim of its own', async () => {
    const agent = createAgent({ transport: createInProcessTransport({ engine }), concurrency: 2 });
    agent.handle(ping, async (payload) => payload.n);
    await agent.start();
    while (claims.length === 0) await new Promise((r) => setTimeout(r, 5));
    const { task } = await engine.tasks.submit({ type: 'ping', payload: { n: 7 }, delayMs: 60 });
    expect(task.state).toBe('scheduled');
    expect((await engine.tasks.await({ taskId: task.id, timeoutMs: 5_000 })).task).toMatchObject({ state: 'succeeded', result: 7 });
    await agent.stop();
    expect((await store.readStream({ streamId: task.id })).map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskReady', 'TaskClaimed', 'TaskSucceeded']);
    expect(claims.every((found) => found === 0)).toBe(true);
  });

  it('hands over a task whose write committed though its answer was lost, rather than leave it to its lease', async () => {
    const waiting = engine.work.claimOrWait({ agentId: 'ag-1', types: ['ping'], limit: 1, waitMs: 10_000 });
    while (claims.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 5));
    loseAnswer = true;
    await expect(engine.tasks.submit({ type: 'ping', payload: { n: 1 } })).rejects.toThrow('connection terminated');
    const [claimed] = await waiting;
    expect(claimed).toMatchObject({ type: 'ping', token: 1, attempt: 1 });
    expect(await engine.tasks.get({ taskId: claimed?.id as string })).toMatchObject({ state: 'running', agentId: 'ag-1' });
  });

  it('gives the task back to the queue when the claimer has gone by the time it is handed over', async () => {
    const controller = new AbortController();
    const waiting = engine.work.claimOrWait({ agentId: 'ag-gone', types: ['ping'], limit: 1, waitMs: 10_000, signal: controller.signal });
    while (claims.length === 0) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 5));
    // The claimer leaves after the submission has reserved it, before the write lands.
    beforeWrite = () => controller.abort();
    const { task } = await engine.tasks.submit({ type: 'ping', payload: { n: 1 } });
    expect(await waiting).toEqual([]);
    const after = await engine.tasks.get({ taskId: task.id });
    expect(after).toMatchObject({ state: 'queued', agentId: null });
    expect((await store.readStream({ streamId: task.id })).map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskClaimed', 'TaskReleased']);
  });
});
