import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DEFAULT_BACKOFF, defineTask, type ScheduleEvent, type StoredEvent, type TaskStore } from '@baton/core';
import { createFakeClock, type FakeClock } from '@baton/core/testing';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createScheduleRunner } from '../../src/schedules/schedule-runner.js';
import { createPgStore } from '../../src/storage/postgres/pg-store.js';
import { dropSchema, postgresAvailable, TEST_DATABASE_URL, testPool, uniqueSchema } from '../support/postgres.js';

const work = defineTask({ type: 'work', schema: z.object({ n: z.number() }) });
const quiet = { warn: () => undefined, error: () => undefined };
const MINUTE = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The outcomes of the schedule's recorded ticks, as `HH:MM outcome`. */
async function ticks(baton: Baton, name: string): Promise<string[]> {
  const events = (await baton.events.readStream({ streamId: `schedule:${name}` })) as (StoredEvent & ScheduleEvent)[];
  return events.flatMap((e) => (e.type === 'ScheduleTicked' ? [`${new Date(e.data.tick).toISOString().slice(11, 16)} ${e.data.outcome}`] : []));
}

describe('schedules on one node, with a fake clock', () => {
  let clock: FakeClock;
  let baton: Baton;
  beforeEach(async () => {
    clock = createFakeClock({ start: Date.parse('2026-01-01T00:00:30Z') });
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [work], logger: quiet, clock });
  });
  afterEach(() => baton.close());

  it('submits one task per tick, whatever the number of passes, at the tick time, with the tick in its idempotency key', async () => {
    const defined = await baton.schedules.define({ name: 'every-minute', cron: '* * * * *', task: { type: 'work', payload: { n: 1 } }, overlap: 'allow' });
    expect(defined).toMatchObject({ name: 'every-minute', timezone: 'UTC', overlap: 'allow', missed: 'run-once', paused: false, lastTick: null });
    for (let minute = 1; minute <= 3; minute++) {
      clock.set(Date.parse(`2026-01-01T00:0${minute}:00Z`));
      await baton.schedules.runNow();
      await baton.schedules.runNow();
    }
    const tasks = (await baton.tasks.list({ order: 'oldest' })).items;
    expect(tasks.map((t) => new Date(t.runAt).toISOString())).toEqual(['2026-01-01T00:01:00.000Z', '2026-01-01T00:02:00.000Z', '2026-01-01T00:03:00.000Z']);
    expect(tasks[0]?.idempotencyKey).toBe(`schedule:every-minute:${Date.parse('2026-01-01T00:01:00Z')}`);
    expect(await ticks(baton, 'every-minute')).toEqual(['00:01 submitted', '00:02 submitted', '00:03 submitted']);
  });

  it('after downtime runs the latest missed tick once (run-once) or none (skip); paused, it fires nothing', async () => {
    await baton.schedules.define({ name: 'catch-up', cron: '* * * * *', task: { type: 'work', payload: { n: 1 } }, overlap: 'allow', missed: 'run-once' });
    await baton.schedules.define({ name: 'forget', cron: '* * * * *', task: { type: 'work', payload: { n: 2 } }, overlap: 'allow', missed: 'skip' });
    clock.set(Date.parse('2026-01-01T00:05:00Z'));
    await baton.schedules.runNow();
    expect(await ticks(baton, 'catch-up')).toEqual(['00:01 skipped-missed', '00:02 skipped-missed', '00:03 submitted', '00:04 submitted', '00:05 submitted']);
    expect(await ticks(baton, 'forget')).toEqual(['00:01 skipped-missed', '00:02 skipped-missed', '00:03 skipped-missed', '00:04 submitted', '00:05 submitted']);
    await baton.schedules.pause('forget');
    clock.advance(2 * MINUTE);
    await baton.schedules.runNow();
    expect((await ticks(baton, 'forget')).length).toBe(5);
    expect((await ticks(baton, 'catch-up')).length).toBe(7);
  });

  it('skips a tick while the previous task has not ended, unless overlap is allowed', async () => {
    await baton.schedules.define({ name: 'no-overlap', cron: '* * * * *', task: { type: 'work', payload: { n: 1 } } });
    for (let minute = 1; minute <= 3; minute++) {
      clock.set(Date.parse(`2026-01-01T00:0${minute}:00Z`));
      await baton.schedules.runNow();
    }
    // No agent runs `work`: the first task is still queued, so the next ticks are skipped.
    expect(await ticks(baton, 'no-overlap')).toEqual(['00:01 submitted', '00:02 skipped-overlap', '00:03 skipped-overlap']);
  });

  it('in a zone with a daylight-saving change, fires once a local day through the autumn night and the spring one', async () => {
    clock.set(Date.parse('2026-10-23T12:00:00Z'));
    await baton.schedules.define({ name: 'berlin', cron: '30 2 * * *', timezone: 'Europe/Berlin', task: { type: 'work', payload: { n: 1 } }, overlap: 'allow' });
    // Walk the clock in 10-minute steps over four days around the change, a pass at each step.
    for (let t = clock.now(); t <= Date.parse('2026-10-27T12:00:00Z'); t += 10 * MINUTE) {
      clock.set(t);
      await baton.schedules.runNow();
    }
    clock.set(Date.parse('2026-03-27T12:00:00Z'));
    await baton.schedules.define({ name: 'spring', cron: '30 2 * * *', timezone: 'Europe/Berlin', task: { type: 'work', payload: { n: 2 } }, overlap: 'allow' });
    for (let t = clock.now(); t <= Date.parse('2026-03-31T12:00:00Z'); t += 10 * MINUTE) {
      clock.set(t);
      await baton.schedules.runNow();
    }
    const localDays = async (name: string) =>
      ((await baton.events.readStream({ streamId: `schedule:${name}` })) as (StoredEvent & ScheduleEvent)[])
        .flatMap((e) => (e.type === 'ScheduleTicked' && e.data.outcome === 'submitted' ? [new Date(e.data.tick).toLocaleDateString('en-CA', { timeZone: 'Europe/Berlin' })] : []));
    expect(await localDays('berlin')).toEqual(['2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27']);
    expect(await localDays('spring')).toEqual(['2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31']);
  });

  it('refuses a bad cron, zone or task at the edge, naming the field', async () => {
    await expect(baton.schedules.define({ name: 'x', cron: '61 * * * *', task: { type: 'work', payload: { n: 1 } } })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', issues: [{ path: 'cron' }] });
    await expect(baton.schedules.define({ name: 'x', cron: '* * * * *', timezone: 'Nowhere/City', task: { type: 'work', payload: { n: 1 } } })).rejects.toMatchObject({ issues: [{ path: 'timezone' }] });
    await expect(baton.schedules.define({ name: 'x', cron: '* * * * *', task: { type: 'work', payload: { n: 'one' } } })).rejects.toMatchObject({ code: 'PAYLOAD_INVALID', issues: [{ path: 'task.payload.n' }] });
    await expect(baton.schedules.define({ name: 'x', cron: '* * * * *', task: { type: 'work', payload: { n: 1 }, delayMs: 5 } })).rejects.toMatchObject({ issues: [{ path: 'task.delayMs' }] });
    await expect(baton.schedules.pause('nope')).rejects.toMatchObject({ code: 'SCHEDULE_NOT_FOUND' });
    expect(await baton.schedules.list()).toEqual([]);
  });
});

describe.runIf(postgresAvailable)('schedules on a PostgreSQL cluster', () => {
  const schema = uniqueSchema('sched');
  const nodes: Baton[] = [];
  afterEach(async () => {
    for (const node of nodes.splice(0)) await node.close();
    await dropSchema(schema);
  });

  it('makes exactly one task per tick with 3 nodes, even when all three handle every tick at once', async () => {
    for (let i = 0; i < 3; i++) nodes.push(await createBaton({ database: TEST_DATABASE_URL, schema, definitions: [work], logger: quiet }));
    await nodes[0]!.schedules.define({ name: 'tick', cron: '* * * * * *', task: { type: 'work', payload: { n: 1 } }, overlap: 'allow' });
    // Three more firers that all believe they lead, on stores of their own, racing the real leader.
    const stores: TaskStore[] = [];
    const rivals = [];
    for (let i = 0; i < 3; i++) {
      const store = await createPgStore({ pool: testPool({ max: 3 }), schema, endPoolOnClose: true });
      stores.push(store);
      rivals.push(
        createScheduleRunner({
          store,
          clock: { now: () => Date.now() },
          leadership: { isLeader: () => true, onChange: () => () => undefined, close: async () => undefined },
          submit: async (input) => {
            const [outcome] = await store.submit({
              tasks: [{ taskId: `rival-${i}-${Math.random().toString(36).slice(2)}`, taskType: 'work', payloadVersion: 1, payload: { n: 1 }, priority: 0, runAt: input.runAt as number, maxAttempts: 3, backoff: DEFAULT_BACKOFF, timeoutMs: null, idempotencyKey: input.idempotencyKey as string }],
            });
            return outcome!.task;
          },
          onError: () => undefined,
        }),
      );
    }
    const started = Date.now();
    while (Date.now() - started < 3_500) {
      await Promise.all(rivals.map((r) => r.runNow()));
      await sleep(100);
    }
    // Paused, not removed: a node that submitted a tick's task just before still records the tick (a removed
    // schedule records nothing more), and no new tick starts.
    await nodes[0]!.schedules.pause('tick');
    for (const store of stores) await store.close();

    const read = async () => ({
      tasks: (await nodes[0]!.tasks.list({ filter: { idempotencyKeyPrefix: 'schedule:tick:' }, limit: 500 })).items,
      recorded: ((await nodes[0]!.events.readStream({ streamId: 'schedule:tick' })) as (StoredEvent & ScheduleEvent)[]).filter((e) => e.type === 'ScheduleTicked'),
    });
    // A node may be between a tick's task and its record when the pause lands: wait, with a deadline, for it to record.
    let seen = await read();
    for (const deadline = Date.now() + 5_000; Date.now() < deadline && seen.recorded.length < seen.tasks.length; seen = await read()) await sleep(100);
    const { tasks, recorded } = seen;
    const keys = tasks.map((t) => t.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    const seconds = tasks.map((t) => t.runAt).sort((a, b) => a - b);
    expect(seconds.length).toBeGreaterThanOrEqual(3);
    // Consecutive seconds, none missing, none twice; each tick recorded once.
    seconds.forEach((t, i) => i > 0 && expect(t - (seconds[i - 1] as number)).toBe(1_000));
    expect(new Set(recorded.map((e) => (e.data as { tick: number }).tick)).size).toBe(recorded.length);
    expect(recorded.filter((e) => (e.data as { outcome: string }).outcome === 'submitted')).toHaveLength(seconds.length);
  }, 30_000);
});
