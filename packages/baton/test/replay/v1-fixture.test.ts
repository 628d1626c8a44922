import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import Database from 'better-sqlite3';
import { TaskEventSchema, currentTypeVersion, defineTask } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { checkProjections } from '../../src/replay/projection-check.js';
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { makeTempDir } from '../support/temp-dir.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/baton-v1.db', import.meta.url));
const quiet = { warn: () => undefined, error: () => undefined };
/** Fields a projection gained after the fixture was written: what a replay fills in. */
const NEW_FIELDS = new Set(['broadcast', 'dependsOn', 'fanout', 'jobId', 'key', 'limitKey', 'parentId', 'queueSeq', 'serialKey', 'target', 'trace']);

// `later` changed shape since: version 1 was { n }, version 2 is { count }; its upcaster carries queued v1 payloads over.
const later = defineTask({
  type: 'later',
  version: 2,
  schema: z.object({ count: z.number() }),
  upcast: ({ payload, fromVersion }) => (fromVersion === 1 ? { count: (payload as { n: number }).n } : payload),
});
const greet = defineTask({ type: 'greet', schema: z.object({ name: z.string() }) });
const flaky = defineTask({ type: 'flaky', schema: z.object({ n: z.number() }) });

describe('a database written by Baton before jobs and routing (version-1 shapes, kept in the repo)', () => {
  let baton: Baton | null = null;
  const tmp = makeTempDir('v1');
  afterEach(async () => {
    await baton?.close({ graceMs: 100 });
    baton = null;
  });

  it('migrates, replays to the same states, is rebuilt to the current shapes, and runs its queued work upcast', async () => {
    const path = join(tmp.dir, 'baton.db');
    copyFileSync(FIXTURE, path);
    const store = createSqliteStore({ path, clock: { now: () => Date.now() } });
    const before = await checkProjections({ store });
    expect(before.events).toBe(136);
    expect(before.counts).toMatchObject({ task: 33, agent: 1, type: 1, token: 1 });
    // Every difference is a field the current projection has and the old one lacked; no state, result or history differs.
    expect(before.differences.length).toBe(33);
    for (const d of before.differences) {
      expect(d).toMatchObject({ kind: 'task', problem: 'different' });
      expect(d.fields.every((f) => NEW_FIELDS.has(f)), d.fields.join(',')).toBe(true);
    }
    // Read through the store, every task event of the fixture is in the current shape of its type (TaskSubmitted was version 1 there).
    const read = await store.readAll({ afterSeq: 0, limit: 1_000 });
    const taskEvents = read.filter((e) => e.type.startsWith('Task'));
    expect(taskEvents.length).toBe(129);
    for (const e of taskEvents) expect(TaskEventSchema.safeParse({ type: e.type, data: e.data }).error?.issues ?? [], `${e.type} at ${e.seq}`).toEqual([]);
    expect(await store.rebuildProjections()).toMatchObject({ events: 136, caughtUp: 0 });
    expect((await checkProjections({ store })).differences).toEqual([]);
    await store.close();

    baton = await createBaton({ database: `sqlite:${path}`, definitions: [later, greet, flaky], logger: quiet });
    const states = (await baton.tasks.list({ limit: 100 })).items.reduce<Record<string, number>>((m, t) => ({ ...m, [t.state]: (m[t.state] ?? 0) + 1 }), {});
    expect(states).toEqual({ succeeded: 25, failed: 5, cancelled: 1, queued: 1, scheduled: 1 });
    const tomorrow = (await baton.tasks.list({ filter: { idempotencyKeyPrefix: 'tomorrow' } })).items[0];
    expect(tomorrow).toMatchObject({ state: 'scheduled', payloadVersion: 1, payload: { n: 2 } });
    expect(tomorrow!.runAt - tomorrow!.submittedAt).toBe(86_400_000);

    const seen: unknown[] = [];
    const agent = baton.agents.create({ id: 'new-agent' });
    agent.handle(later, (payload) => {
      seen.push(payload);
      return payload.count * 10;
    });
    await agent.start();
    await baton.types.resume({ taskType: 'later' });
    const queued = (await baton.tasks.list({ filter: { states: ['queued'] } })).items[0]!;
    expect(await baton.tasks.await({ taskId: queued.id, timeoutMs: 5_000 })).toMatchObject({ state: 'succeeded', result: 30 });
    expect(seen).toEqual([{ count: 3 }]);
    const history = await baton.engine.events.history({ id: queued.id });
    expect(history.events.map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskClaimed', 'TaskSucceeded']);

    // The log keeps each event's shape version: the fixture's submissions stay version 1, new ones are written current.
    await baton.tasks.submit({ type: 'greet', payload: { name: 'new' } });
    await baton.close({ graceMs: 100 });
    baton = null;
    const db = new Database(path, { readonly: true });
    const versions = db.prepare("SELECT type_version AS v, count(*) AS n FROM events WHERE type = 'TaskSubmitted' GROUP BY type_version ORDER BY v").all();
    db.close();
    expect(versions).toEqual([{ v: 1, n: 33 }, { v: currentTypeVersion('TaskSubmitted'), n: 1 }]);
  });
});
