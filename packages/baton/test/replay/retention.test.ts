import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, foldStream, type TaskView } from '@baton/core';
import { createFakeClock } from '@baton/core/testing';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { parseEventLines } from '../../src/replay/event-export.js';
import { checkProjections } from '../../src/replay/projection-check.js';
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { runCli } from '../e2e/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';

const DAY = 86_400_000;
const shortLived = defineTask({ type: 'short', schema: z.object({ n: z.number() }), defaults: { archiveAfterMs: 7 * DAY, maxAttempts: 1 } });
const keeper = defineTask({ type: 'keeper', schema: z.object({ n: z.number() }) });
const quiet = { warn: () => undefined, error: () => undefined };

describe('retention: archive ended tasks to NDJSON, and export', () => {
  const tmp = makeTempDir('retention');
  let baton: Baton | null = null;
  afterEach(async () => {
    await baton?.close({ graceMs: 100 });
    baton = null;
  });

  it('archives what its type says, the file folds to the same final states, and the tables stay true to what remains', async () => {
    const clock = createFakeClock({ start: Date.parse('2026-06-01T00:00:00Z') });
    const path = join(tmp.dir, 'baton.db');
    const archive = join(tmp.dir, 'archive');
    (await import('node:fs')).mkdirSync(archive);
    baton = await createBaton({ database: `sqlite:${path}`, definitions: [shortLived, keeper], logger: quiet, clock, archiveDir: archive });
    const agent = baton.agents.create({ concurrency: 8 });
    agent.handle(shortLived, (p) => {
      if (p.n % 4 === 0) throw new Error('some fail');
      return p.n;
    });
    agent.handle(keeper, (p) => p.n);
    await agent.start();
    const short = await baton.tasks.submitMany({ tasks: Array.from({ length: 40 }, (_, n) => ({ type: 'short', payload: { n } })) });
    const kept = await baton.tasks.submitMany({ tasks: Array.from({ length: 10 }, (_, n) => ({ type: 'keeper', payload: { n } })) });
    for (const { task } of [...short, ...kept]) await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
    const before = new Map<string, TaskView>();
    for (const { task } of short) before.set(task.id, await baton.tasks.get({ taskId: task.id }));

    clock.advance(6 * DAY);
    expect(await baton.engine.archiveNow()).toEqual({ file: null, tasks: 0, events: 0 });
    clock.advance(2 * DAY);
    const archived = await baton.engine.archiveNow();
    expect(archived.tasks).toBe(40);
    expect(archived.file).toMatch(/archive-2026-06-09T00-00-00-000Z-\d+\.ndjson$/);
    expect(readdirSync(archive)).toEqual([archived.file?.split('/').at(-1)]);

    // The NDJSON folds, stream by stream, to exactly the states the tables held.
    const lines = parseEventLines(readFileSync(archived.file!, 'utf8'));
    expect(lines).toHaveLength(archived.events);
    const streams = new Map<string, typeof lines>();
    for (const e of lines) streams.set(e.streamId, [...(streams.get(e.streamId) ?? []), e]);
    expect(streams.size).toBe(40);
    for (const [id, events] of streams) expect(foldStream(events)).toEqual(before.get(id));

    // Gone from the hot tables; the rest untouched; every projection still the fold of what remains.
    await expect(baton.tasks.get({ taskId: short[0]!.task.id })).rejects.toMatchObject({ code: 'TASK_NOT_FOUND' });
    expect((await baton.tasks.list({ limit: 100 })).items.map((t) => t.type)).toEqual(Array(10).fill('keeper'));
    await baton.close({ graceMs: 100 });
    baton = null;
    const store = createSqliteStore({ path, clock });
    expect((await checkProjections({ store })).differences).toEqual([]);
    await store.close();

    // Export round-trips too: the whole remaining log as NDJSON from the CLI folds to the tables.
    const out = join(tmp.dir, 'export.ndjson');
    const exported = await runCli({ cwd: tmp.dir, args: ['events', 'export', '--database', `sqlite:${path}`, '--out', out] });
    expect(exported.code, exported.stderr).toBe(0);
    const all = parseEventLines(readFileSync(out, 'utf8'));
    expect(exported.stderr).toContain(`exported ${all.length} events`);
    const keeperTask = kept[0]!.task.id;
    const reopened = createSqliteStore({ path, clock });
    expect(foldStream(all.filter((e) => e.streamId === keeperTask))).toEqual(await reopened.get({ taskId: keeperTask }));
    await reopened.close();
  });
});
