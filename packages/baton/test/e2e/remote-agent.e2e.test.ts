import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { BatonClient } from '@baton/client';
import { ProblemSchema } from '@baton/core';
import { makeTempDir } from '../support/temp-dir.js';
import { exitOf, startAgentProcess, startServerProcess } from './server-process.js';

const HANDLERS = fileURLToPath(new URL('../cluster/fixtures/supervision-handlers.mjs', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('a remote agent in another process, over HTTP only', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    tmp = makeTempDir('remote');
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exitOf(child);
    }
    tmp.remove();
  }, 20_000);

  it('runs tasks end to end, is cancelled mid-run, has a stale report refused, and leaves the registry on SIGTERM', async () => {
    // An API-only node: it knows the definitions but runs nothing itself.
    const server = await startServerProcess({ cwd: tmp.dir, args: ['--handlers', HANDLERS, '--run-types', 'none'] });
    children.push(server.child);
    const admin = new BatonClient({ url: server.url, token: server.adminToken! });
    // The agent gets a token of its own, scoped to the agent protocol only.
    const issued = await fetch(`${server.url}/v1/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
      body: JSON.stringify({ name: 'remote agent', scopes: ['agent'] }),
    });
    expect(issued.status).toBe(201);
    const agentToken = ((await issued.json()) as { token: string }).token;
    const abortLog = join(tmp.dir, 'aborts.log');
    const agent = await startAgentProcess({
      cwd: tmp.dir,
      env: { BATON_TEST_NODE: 'remote', BATON_TEST_ABORT_LOG: abortLog },
      args: ['--server', server.url, '--token', agentToken, 'agent', '--handlers', HANDLERS, '--concurrency', '5', '--service', 'workers', '--tags', 'eu,blue', '--grace', '500'],
    });
    children.push(agent.child);
    const client = admin;
    // An agent token cannot read or submit: scopes are enforced.
    await expect(new BatonClient({ url: server.url, token: agentToken }).tasks.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const { results } = await client.tasks.submitMany({ tasks: Array.from({ length: 20 }, (_, i) => ({ type: 'slow', payload: { ms: 10 * (i % 3) } })) });
    for (const { task } of results) {
      expect(await client.tasks.await({ taskId: task.id, timeoutMs: 10_000 })).toMatchObject({ state: 'succeeded', result: { node: 'remote', attempt: 1 } });
    }
    const [registered] = (await client.agents.list({ states: ['live'] })).items;
    expect(registered).toMatchObject({ labels: { service: 'workers', tags: ['eu', 'blue'] }, types: ['slow'], concurrency: 5 });
    expect(registered!.id).toContain(`-${agent.child.pid}-`);

    // A long task, cancelled from the API while the remote handler runs.
    const { task: long } = await client.tasks.submit({ type: 'slow', payload: { ms: 60_000 } });
    while ((await client.tasks.get({ taskId: long.id })).state !== 'running') await sleep(20);
    const running = await client.tasks.get({ taskId: long.id });

    // A report with a stale token is refused and writes nothing.
    const stale = await fetch(`${server.url}/v1/agents/${encodeURIComponent(registered!.id)}/tasks/${long.id}/succeed`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${agentToken}` },
      body: JSON.stringify({ token: running.token - 1, result: 'forged' }),
    });
    expect(stale.status).toBe(409);
    expect(ProblemSchema.parse(await stale.json())).toMatchObject({ code: 'STALE_LEASE' });
    expect(await client.tasks.get({ taskId: long.id })).toMatchObject({ state: 'running', version: running.version });

    const cancelledAt = Date.now();
    await client.tasks.cancel({ taskId: long.id });
    expect(await client.tasks.await({ taskId: long.id, timeoutMs: 10_000 })).toMatchObject({ state: 'cancelled' });
    // The cancel reached the remote handler through its long-poll, not at the next heartbeat 10 s later.
    expect(Date.now() - cancelledAt).toBeLessThan(3_000);
    expect(existsSync(abortLog) && readFileSync(abortLog, 'utf8')).toContain(long.id);

    agent.child.kill('SIGTERM');
    expect(await exitOf(agent.child)).toBe(0);
    expect(await client.agents.get({ agentId: registered!.id })).toMatchObject({ state: 'stopped' });
  }, 60_000);
});
