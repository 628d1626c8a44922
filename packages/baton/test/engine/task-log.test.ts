import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask } from '@baton/core';
import { NonRetryableError } from '@baton/client';
import { createBaton, type Baton } from '../../src/app/create-baton.js';

const flaky = defineTask({ type: 'flaky', schema: z.object({}), defaults: { maxAttempts: 2, backoff: { baseMs: 10, factor: 1, maxMs: 10, jitter: 0 } } });
const broken = defineTask({ type: 'broken', schema: z.object({}) });
const held = defineTask({ type: 'held', schema: z.object({}) });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('structured task lines in the log, with task and job ids', () => {
  let baton: Baton;
  const lines: { level: string; obj: Record<string, unknown>; msg: string }[] = [];
  beforeEach(async () => {
    lines.length = 0;
    const capture = (level: string) => (obj: object, msg: string) => void lines.push({ level, obj: obj as Record<string, unknown>, msg });
    baton = await createBaton({
      database: 'sqlite::memory:',
      definitions: [flaky, broken, held],
      logger: { warn: capture('warn'), error: capture('error'), info: capture('info'), debug: capture('debug') },
      leaseMs: 200,
      sweepIntervalMs: 60_000,
    });
  });
  afterEach(async () => {
    await baton.close({ graceMs: 100 });
  });

  it('claims and successes at debug, a retried attempt and a failure at info (with the job), a rescued lease at warn', async () => {
    const agent = baton.agents.create({ id: 'runner' });
    let calls = 0;
    agent.handle(flaky, async () => {
      calls += 1;
      if (calls === 1) throw new Error('first try fails');
      return 'ok';
    });
    agent.handle(broken, async () => {
      throw new NonRetryableError('bad input');
    });
    await agent.start();
    const { task } = await baton.tasks.submit({ type: 'flaky', payload: {} });
    await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    const { job } = await baton.jobs.submit({ tasks: [{ key: 'only', type: 'broken', payload: {} }] });
    await baton.jobs.await({ jobId: job.id, timeoutMs: 5_000 });
    const brokenId = job.tasks[0]!.taskId;

    const of = (taskId: string) => lines.filter((l) => l.obj.taskId === taskId).map((l) => [l.level, l.msg]);
    expect(of(task.id)).toEqual([
      ['debug', 'task claimed'],
      ['info', 'task attempt failed; it will be retried'],
      ['debug', 'task claimed'],
      ['debug', 'task succeeded'],
    ]);
    expect(lines.find((l) => l.obj.taskId === task.id && l.level === 'info')?.obj).toMatchObject({ type: 'flaky', attempt: 1, agentId: null, error: 'first try fails', jobId: null });
    expect(lines.find((l) => l.obj.taskId === brokenId && l.msg === 'task failed')?.obj).toMatchObject({ jobId: job.id, type: 'broken', error: 'bad input' });
    await agent.stop();

    // A claim whose holder goes silent.
    const lost = await baton.tasks.submit({ type: 'held', payload: {} });
    await baton.engine.work.claim({ agentId: 'ghost', types: ['held'], limit: 1 });
    await sleep(300);
    await baton.engine.sweepNow();
    expect(lines.find((l) => l.obj.taskId === lost.task.id && l.level === 'warn')).toMatchObject({
      msg: 'lease ran out (agent dead, frozen or cut off): the task was taken back',
      obj: { taskId: lost.task.id, jobId: null, type: 'held', attempt: 1 },
    });
  });
});
