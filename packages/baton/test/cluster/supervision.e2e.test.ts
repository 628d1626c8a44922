import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { BatonClient } from '@baton/client';
import type { TaskResource } from '@baton/core';
import { createBaton } from '../../src/app/create-baton.js';
import { exitOf, startServerProcess } from '../e2e/server-process.js';
import { TEST_DATABASE_URL, dropSchema, postgresAvailable, uniqueSchema } from '../support/postgres.js';
import { makeTempDir } from '../support/temp-dir.js';
import { checkFaultRun, summarize } from '../faults/fault-checker.js';

const HANDLERS = fileURLToPath(new URL('./fixtures/supervision-handlers.mjs', import.meta.url));
const LEASE_MS = 2_000;
const SWEEP_MS = 1_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Driver {
  name: string;
  enabled: boolean;
  /** Server arguments selecting the database, fresh for each test. */
  setup: (dir: string) => Promise<{ args: string[]; database: string; schema?: string; cleanup: () => Promise<void> }>;
}

const drivers: Driver[] = [
  {
    name: 'sqlite (two processes on one file)',
    enabled: true,
    setup: async (dir) => {
      const database = `sqlite:${join(dir, 'baton.db')}`;
      return { args: ['--database', database], database, cleanup: async () => undefined };
    },
  },
  {
    name: 'postgres',
    enabled: postgresAvailable,
    setup: async () => {
      const schema = uniqueSchema('supervise');
      return { args: ['--database', TEST_DATABASE_URL, '--schema', schema], database: TEST_DATABASE_URL, schema, cleanup: () => dropSchema(schema) };
    },
  },
];

for (const driver of drivers) {
  describe.runIf(driver.enabled)(`supervision with real processes: ${driver.name}`, () => {
    let tmp: ReturnType<typeof makeTempDir>;
    let db: Awaited<ReturnType<Driver['setup']>>;
    const children: ChildProcess[] = [];
    let token: string | null = null;

    const start = async (node: string, concurrency: number) => {
      const server = await startServerProcess({
        cwd: tmp.dir,
        env: { BATON_TEST_NODE: node, BATON_TEST_ABORT_LOG: join(tmp.dir, 'aborts.log') },
        args: [...db.args, '--handlers', HANDLERS, '--lease', String(LEASE_MS), '--concurrency', String(concurrency), '--grace', '200'],
      });
      children.push(server.child);
      // The first process on the database printed the admin token; the others accept it from the shared store.
      token ??= server.adminToken;
      return { ...server, client: new BatonClient({ url: server.url, token: token ?? undefined }), pid: server.child.pid! };
    };

    /** The whole log of these tasks, read straight from the database. */
    const histories = async (ids: string[]) => {
      const reader = await createBaton({ database: db.database, ...(db.schema ? { schema: db.schema } : {}), logger: { warn: () => undefined, error: () => undefined } });
      try {
        return await Promise.all(ids.map((streamId) => reader.events.readStream({ streamId })));
      } finally {
        await reader.close();
      }
    };

    const heldBy = async (client: BatonClient, pid: number, ids: string[]) => {
      const tasks = await Promise.all(ids.map((taskId) => client.tasks.get({ taskId })));
      return tasks.filter((t) => t.state === 'running' && t.agentId?.includes(`-${pid}-`)).length;
    };

    beforeEach(async () => {
      token = null;
      tmp = makeTempDir('supervise');
      db = await driver.setup(tmp.dir);
    });
    afterEach(async () => {
      for (const child of children.splice(0)) {
        if (child.signalCode === 'SIGSTOP' || child.exitCode === null) child.kill('SIGKILL');
        await exitOf(child);
      }
      await db.cleanup();
      tmp.remove();
    }, 20_000);

    it('finishes on another agent all 50 tasks an agent process held when it was killed with SIGKILL: 0 lost, one terminal event each', async () => {
      const victim = await start('victim', 50);
      const { results } = await victim.client.tasks.submitMany({ tasks: Array.from({ length: 50 }, () => ({ type: 'slow', payload: { ms: 1_000, msOn: { victim: 60_000 } } })) });
      const ids = results.map((r) => r.task.id);
      const deadline = Date.now() + 10_000;
      while ((await heldBy(victim.client, victim.pid, ids)) < 50 && Date.now() < deadline) await sleep(50);
      expect(await heldBy(victim.client, victim.pid, ids)).toBe(50);

      const survivor = await start('survivor', 50);
      victim.child.kill('SIGKILL');
      const killedAt = Date.now();
      await exitOf(victim.child);
      const done: TaskResource[] = await Promise.all(ids.map((taskId) => survivor.client.tasks.await({ taskId, timeoutMs: 20_000 })));
      const elapsed = Date.now() - killedAt;
      expect(done.filter((t) => t.state !== 'succeeded')).toEqual([]);
      expect(done.every((t) => (t.result as { node: string }).node === 'survivor')).toBe(true);
      const streams = await histories(ids);
      for (const events of streams) expect(events.map((e) => e.type)).toContain('TaskLeaseExpired');
      // The fault checker's verdict on the whole run: every acknowledged task ended once, in order, with no stale write.
      const report = checkFaultRun({ ledger: ids.map((taskId) => ({ taskId, ackedAt: killedAt })), events: streams.flat(), faults: [{ name: 'agent SIGKILL', injectedAt: killedAt, healedAt: killedAt }] });
      const verdict = summarize(`SIGKILL of an agent (${driver.name})`, report);
      console.info(verdict.line);
      expect(report).toMatchObject({ acknowledged: 50, completed: 50, lost: [], duplicateTerminal: [], outOfOrder: [], staleWrites: [], reExecutions: 50 });
      expect(verdict.ok).toBe(true);
      // The registry tells the story: the killed agent is lost, the survivor live.
      const agents = (await survivor.client.agents.list()).items;
      expect(agents.find((a) => a.id.includes(`-${victim.pid}-`))).toMatchObject({ state: 'lost' });
      expect(agents.find((a) => a.id.includes(`-${survivor.pid}-`))).toMatchObject({ state: 'live', labels: { service: null, tags: [] } });
      // The documented bound: lease + sweep interval, then the 1 s run; a margin for a shared 2-core machine.
      expect(elapsed).toBeLessThan(LEASE_MS + SWEEP_MS + 1_000 + 4_000);
      console.info(`supervision ${driver.name}: 50 tasks of a SIGKILLed agent done ${elapsed} ms after the kill`);
    }, 60_000);

    it('fences out an agent frozen past its lease: its tasks finish elsewhere, none of its late writes lands, its handlers abort soon after it resumes', async () => {
      const frozen = await start('frozen', 10);
      const { results } = await frozen.client.tasks.submitMany({ tasks: Array.from({ length: 10 }, () => ({ type: 'slow', payload: { ms: 500, msOn: { frozen: 60_000 } } })) });
      const ids = results.map((r) => r.task.id);
      const deadline = Date.now() + 10_000;
      while ((await heldBy(frozen.client, frozen.pid, ids)) < 10 && Date.now() < deadline) await sleep(50);
      const survivor = await start('survivor', 10);
      // Started first, the frozen node leads: its frozen session must not keep the sweep from running elsewhere.
      expect(((await (await fetch(`${frozen.url}/readyz`)).json()) as { leader: boolean }).leader).toBe(true);

      frozen.child.kill('SIGSTOP');
      const frozenAt = Date.now();
      const done = await Promise.all(ids.map((taskId) => survivor.client.tasks.await({ taskId, timeoutMs: 20_000 })));
      expect(done.every((t) => t.state === 'succeeded' && (t.result as { node: string }).node === 'survivor')).toBe(true);

      const resumedAt = Date.now();
      frozen.child.kill('SIGCONT');
      const abortLog = join(tmp.dir, 'aborts.log');
      const aborted = () => (existsSync(abortLog) ? readFileSync(abortLog, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { taskId: string; node: string; at: number }) : []);
      const waitUntil = Date.now() + 10_000;
      while (aborted().filter((a) => a.node === 'frozen').length < 10 && Date.now() < waitUntil) await sleep(50);
      const frozenAborts = aborted().filter((a) => a.node === 'frozen');
      expect(new Set(frozenAborts.map((a) => a.taskId))).toEqual(new Set(ids));
      expect(Math.max(...frozenAborts.map((a) => a.at)) - resumedAt).toBeLessThan(5_000);

      await sleep(1_000);
      // Nothing the frozen agent wrote after its lease expired was accepted: every event after the rescue carries a newer token.
      const streams = await histories(ids);
      const report = checkFaultRun({ ledger: ids.map((taskId) => ({ taskId, ackedAt: 0 })), events: streams.flat(), faults: [{ name: 'node SIGSTOP past the lease', injectedAt: frozenAt, healedAt: resumedAt }] });
      const verdict = summarize(`SIGSTOP of a node (${driver.name})`, report);
      console.info(verdict.line);
      expect(report).toMatchObject({ completed: 10, lost: [], duplicateTerminal: [], outOfOrder: [], staleWrites: [] });
      for (const events of streams) {
        const rescue = events.findIndex((e) => e.type === 'TaskLeaseExpired');
        expect(rescue).toBeGreaterThan(0);
        const later = events.slice(rescue + 1).filter((e) => typeof (e.data as { token?: number }).token === 'number');
        expect(later.every((e) => (e.data as { token: number }).token >= 2)).toBe(true);
        expect(events.filter((e) => e.type === 'TaskSucceeded')).toHaveLength(1);
      }
      expect((await frozen.client.tasks.get({ taskId: ids[0]! })).state).toBe('succeeded');
    }, 60_000);
  });
}
