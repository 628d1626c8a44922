import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BatonClient } from '@baton/client';
import { makeTempDir } from '../support/temp-dir.js';
import { exitOf, runCli, startServerProcess } from './server-process.js';

const HANDLERS = fileURLToPath(new URL('../../../../examples/handlers.mjs', import.meta.url));

describe('baton server as a real process', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir('e2e');
  });
  afterEach(() => tmp.remove());

  it('takes a task over HTTP, runs it on its agent, and await returns the result', async () => {
    const server = await startServerProcess({ args: ['--handlers', HANDLERS], cwd: tmp.dir });
    try {
      // The embedded default: a SQLite file in the working directory.
      expect(existsSync(join(tmp.dir, 'baton.db'))).toBe(true);
      // Deny by default: the first start made an admin token and printed it once.
      expect(server.adminToken).toMatch(/^bat_[0-9a-f]{12}_/);
      const token = server.adminToken!;
      const client = new BatonClient({ url: server.url, token });
      const { task } = await client.tasks.submit({ type: 'image.resize', payload: { url: 'https://example.com/a.png', width: 300 } });
      const done = await client.tasks.await({ taskId: task.id, timeoutMs: 10_000 });
      expect(done).toMatchObject({ state: 'succeeded', result: { url: 'https://example.com/a.png', width: 300, attempt: 1 } });

      const health = await fetch(`${server.url}/healthz`);
      expect(await health.json()).toEqual({ status: 'ok' });

      // The CLI talks to the same server.
      const submitted = await runCli({ args: ['--server', server.url, '--token', token, 'submit', 'greet', '{"name":"Grace"}', '--json'], cwd: tmp.dir });
      expect(submitted.code).toBe(0);
      const id = JSON.parse(submitted.stdout).task.id as string;
      const awaited = await runCli({ args: ['--server', server.url, '--token', token, 'await', id, '--timeout', '10000', '--json'], cwd: tmp.dir });
      expect(JSON.parse(awaited.stdout)).toMatchObject({ state: 'succeeded', result: 'Hello, Grace!' });
      // Without --json, lines for people.
      const shown = await runCli({ args: ['--server', server.url, '--token', token, 'get', id], cwd: tmp.dir });
      expect(shown.stdout).toMatch(new RegExp(`^task:\\s+${id}\n`));
      expect(shown.stdout).toMatch(/\nstate:\s+succeeded\n/);
      expect(shown.stdout).toMatch(/\nresult:\s+"Hello, Grace!"\n/);
      const readable = await runCli({ args: ['--server', server.url, '--token', token, 'submit', 'greet', '{"name":"Lin"}'], cwd: tmp.dir });
      expect(readable.stdout).toMatch(/^task:\s+\S+\ntype:\s+greet\n/);
      const paused = await runCli({ args: ['--server', server.url, '--token', token, 'pause', 'greet', '--reason', 'maintenance'], cwd: tmp.dir });
      expect(paused.stdout).toBe('type greet: paused (maintenance)\n');
      expect((await runCli({ args: ['--server', server.url, '--token', token, 'resume', 'greet'], cwd: tmp.dir })).stdout).toBe('type greet: running\n');
      const listed = await runCli({ args: ['--server', server.url, '--token', token, 'list', '--state', 'succeeded'], cwd: tmp.dir });
      expect(listed.stdout).toContain(id);
      const agents = await runCli({ args: ['--server', server.url, '--token', token, 'agents'], cwd: tmp.dir });
      expect(agents.stdout).toMatch(/^ID\s+HOST\s+SERVICE/);
      expect(agents.stdout).toMatch(/live\s+0\/10\s+image\.resize,greet/);
      const refused = await runCli({ args: ['--server', server.url, '--token', token, 'submit', 'greet', '{"name":""}'], cwd: tmp.dir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('PAYLOAD_INVALID');
      expect(refused.stderr).toContain('payload.name');
      // Why a task is not running, as lines for people and as JSON.
      const later = (await client.tasks.submit({ type: 'greet', payload: { name: 'Later' }, delayMs: 3_600_000 })).task;
      const explained = await runCli({ args: ['--server', server.url, '--token', token, 'explain', later.id], cwd: tmp.dir });
      expect(explained.code).toBe(0);
      expect(explained.stdout).toContain(`task ${later.id}: scheduled`);
      expect(explained.stdout).toMatch(new RegExp(`scheduled\\s+${new Date(later.runAt).toISOString()}\\s+due at`));
      const asJson = await runCli({ args: ['--server', server.url, '--token', token, 'explain', later.id, '--json'], cwd: tmp.dir });
      expect(JSON.parse(asJson.stdout)).toMatchObject({ taskId: later.id, state: 'scheduled', reasons: [{ code: 'scheduled', until: Date.parse(later.runAt) }] });
    } finally {
      server.child.kill('SIGTERM');
      expect(await exitOf(server.child)).toBe(0);
    }
  });

  it('baton await draws the progress a handler reports, on stderr, and prints the task on stdout', async () => {
    const server = await startServerProcess({ args: ['--handlers', HANDLERS], cwd: tmp.dir });
    try {
      const token = server.adminToken!;
      const client = new BatonClient({ url: server.url, token });
      const { task } = await client.tasks.submit({ type: 'count', payload: { to: 5, stepMs: 400 } });
      const awaited = await runCli({ args: ['--server', server.url, '--token', token, 'await', task.id, '--timeout', '15000', '--json'], cwd: tmp.dir });
      expect(awaited.code, awaited.stderr).toBe(0);
      expect(JSON.parse(awaited.stdout)).toMatchObject({ state: 'succeeded', result: 5, progress: { done: 5, total: 5, message: 'counted to 5' } });
      const lines = awaited.stderr.trim().split('\n');
      // Not a terminal: one line per change, the last the end.
      expect(lines.at(-1)).toBe(`succeeded [${'#'.repeat(24)}] 5/5 (100%) counted to 5`);
      expect(lines.some((l) => /^running \[#*-+\] [1-4]\/5 \(\d+%\) counted to [1-4]$/.test(l))).toBe(true);
      const quiet = await runCli({ args: ['--server', server.url, '--token', token, 'await', task.id, '--quiet'], cwd: tmp.dir });
      expect(quiet.stderr).toBe('');
      // A job's progress is its tasks done of total.
      const { job } = await client.jobs.submit({
        tasks: [
          { key: 'a', type: 'count', payload: { to: 2, stepMs: 300 } },
          { key: 'b', type: 'count', payload: { to: 2, stepMs: 300 }, dependsOn: ['a'] },
          { key: 'c', type: 'count', payload: { to: 2, stepMs: 300 }, dependsOn: ['b'] },
        ],
      });
      const jobAwaited = await runCli({ args: ['--server', server.url, '--token', token, 'job', 'await', job.id, '--timeout', '15000'], cwd: tmp.dir });
      expect(jobAwaited.code, jobAwaited.stderr).toBe(0);
      const jobLines = jobAwaited.stderr.trim().split('\n');
      expect(jobLines.at(-1)).toBe(`succeeded [${'#'.repeat(24)}] 3/3 (100%) tasks done`);
      expect(jobLines.some((l) => /^running \[#*-+\] [12]\/3 \(\d+%\) tasks done$/.test(l))).toBe(true);
      expect(jobAwaited.stdout).toMatch(new RegExp(`job ${job.id} ".*": succeeded`));
    } finally {
      server.child.kill('SIGTERM');
      expect(await exitOf(server.child)).toBe(0);
    }
  });

  it('keeps a delayed task across a restart and runs it when due', async () => {
    const first = await startServerProcess({ args: ['--handlers', HANDLERS], cwd: tmp.dir });
    const token = first.adminToken!;
    const client = new BatonClient({ url: first.url, token });
    const { task } = await client.tasks.submit({ type: 'greet', payload: { name: 'Later' }, delayMs: 1_500 });
    first.child.kill('SIGKILL');
    await exitOf(first.child);
    const second = await startServerProcess({ args: ['--handlers', HANDLERS], cwd: tmp.dir });
    // The database already has a token: no second admin token is made or shown.
    expect(second.adminToken).toBeNull();
    try {
      const done = await new BatonClient({ url: second.url, token }).tasks.await({ taskId: task.id, timeoutMs: 10_000 });
      expect(done).toMatchObject({ state: 'succeeded', result: 'Hello, Later!' });
      expect(Date.parse(done.updatedAt)).toBeGreaterThanOrEqual(Date.parse(task.runAt));
    } finally {
      second.child.kill('SIGTERM');
      await exitOf(second.child);
    }
  });

  it('refuses a database it cannot reach or use with a clear message, exit code 1 and no stack', async () => {
    const down = await runCli({ args: ['server', '--port', '0', '--database', 'postgres://baton:secret@127.0.0.1:1/db'], cwd: tmp.dir });
    expect(down.code).toBe(1);
    expect(down.stderr).toContain('UNREACHABLE');
    expect(down.stderr).toContain('postgres://baton:***@127.0.0.1:1/db');
    expect(down.stderr).not.toContain('secret');
    expect(down.stderr).not.toMatch(/\n\s+at /);
    const badSchema = await runCli({ args: ['server', '--port', '0', '--database', 'postgres://127.0.0.1:1/db?schema=x;drop'], cwd: tmp.dir });
    expect(badSchema.code).toBe(1);
    expect(badSchema.stderr).toContain('CONFIG_INVALID');
    const scheme = await runCli({ args: ['server', '--port', '0', '--database', 'mysql://127.0.0.1/db'], cwd: tmp.dir });
    expect(scheme.code).toBe(1);
    expect(scheme.stderr).toContain('unknown scheme');
  });
});
