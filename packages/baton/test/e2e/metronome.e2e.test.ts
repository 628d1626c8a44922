import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import { BatonClient } from '@baton/client';
import type { JobResource } from '@baton/core';
import { makeTempDir } from '../support/temp-dir.js';
import { exitOf, runCli, startAgentProcess, startServerProcess } from './server-process.js';

const HANDLERS = fileURLToPath(new URL('./fixtures/deploy-handlers.mjs', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Three broadcast steps: every database, then every app server, then the load balancer. */
const deployYaml = (name: string, appPolicy: string) => `# The Metronome order: databases before app servers before the load balancer.
name: ${name}
failurePolicy: fail-fast
steps:
  - key: db
    type: deploy.step
    target: { service: db }
    broadcast: true
    payload: { role: db, version: "{{ payload.version }}", ms: 200 }
  - key: app
    type: deploy.step
    target: { service: app }
    broadcast: ${appPolicy}
    payload: { role: app, version: "{{ payload.version }}", ms: "{{ payload.appMs }}" }
  - key: lb
    type: deploy.step
    target: { service: lb }
    broadcast: true
    payload: { role: lb, version: "{{ payload.version }}", ms: 50 }
`;

interface Row {
  seq: number;
  stream_id: string;
  type: string;
  data: string;
}

describe('Metronome: a deploy ordered across cluster members, with real agent processes', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    tmp = makeTempDir('metronome');
  });
  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exitOf(child);
    }
    tmp.remove();
  }, 20_000);

  it('runs db, then app, then lb on every matching agent; a killed app agent fails the step (fail) or is skipped (skip)', async () => {
    const workflows = join(tmp.dir, 'workflows');
    mkdirSync(workflows);
    writeFileSync(join(workflows, 'deploy.yaml'), deployYaml('deploy', 'true'));
    writeFileSync(join(workflows, 'deploy-tolerant.yaml'), deployYaml('deploy-tolerant', '{ onAgentLost: skip }'));
    const dbPath = join(tmp.dir, 'baton.db');
    const server = await startServerProcess({
      cwd: tmp.dir,
      args: ['--database', `sqlite:${dbPath}`, '--handlers', HANDLERS, '--run-types', 'none', '--workflows', workflows, '--lease', '1500'],
    });
    children.push(server.child);
    expect(server.output()).toContain('Workflows: deploy-tolerant (on deploy-tolerant), deploy (on deploy)');
    const token = server.adminToken!;
    const client = new BatonClient({ url: server.url, token });
    const agents = new Map<string, ChildProcess>();
    const startAgent = async (id: string, service: string) => {
      const agent = await startAgentProcess({ cwd: tmp.dir, args: ['--server', server.url, '--token', token, 'agent', '--handlers', HANDLERS, '--service', service, '--id', id, '--grace', '200'] });
      children.push(agent.child);
      agents.set(id, agent.child);
    };
    await Promise.all([startAgent('db-1', 'db'), startAgent('db-2', 'db'), startAgent('app-1', 'app'), startAgent('app-2', 'app'), startAgent('lb-1', 'lb')]);

    // 1. The whole deploy, triggered from the CLI.
    const fired = await runCli({ cwd: tmp.dir, args: ['--server', server.url, '--token', token, 'trigger', 'deploy', '--payload', '{"version":"1.2.3","appMs":300}', '--json'] });
    expect(fired.code, fired.stderr).toBe(0);
    const first = (JSON.parse(fired.stdout) as { job: JobResource }).job;
    const done = await client.jobs.await({ jobId: first.id, timeoutMs: 20_000 });
    expect(done).toMatchObject({ state: 'succeeded', workflow: 'deploy' });
    const node = (key: string) => done.tasks.find((t) => t.key === key)!;
    expect(node('db').copies.map((c) => c.agentId).sort()).toEqual(['db-1', 'db-2']);
    expect(node('app').copies.map((c) => c.agentId).sort()).toEqual(['app-1', 'app-2']);
    expect(node('lb').copies.map((c) => c.agentId)).toEqual(['lb-1']);
    expect(node('app').result).toMatchObject({ 'app-1': { role: 'app', version: '1.2.3', after: ['db'] }, 'app-2': { role: 'app' } });

    // The CLI shows the graph with each step's copies.
    const shown = await runCli({ cwd: tmp.dir, args: ['--server', server.url, '--token', token, 'job', 'get', first.id] });
    expect(shown.stdout).toContain(`job ${first.id} "deploy": succeeded (workflow deploy)`);
    expect(shown.stdout).toMatch(/db \(broadcast\)\s+succeeded\s+deploy\.step/);
    expect(shown.stdout).toMatch(/@app-2\s+succeeded/);
    const history = await runCli({ cwd: tmp.dir, args: ['--server', server.url, '--token', token, 'history', first.id] });
    expect(history.stdout).toContain(`job job:${first.id}: 2 event(s)`);
    expect(history.stdout).toMatch(/#\d+\s+v1\s+JobSubmitted/);
    expect(history.stdout).toMatch(/#\d+\s+v2\s+JobSucceeded/);

    // The event log proves the order: every db copy succeeded before any app copy was claimed, and every app copy before the lb copy.
    const log = new Database(dbPath, { readonly: true });
    const events = log.prepare('SELECT seq, stream_id, type, data FROM events ORDER BY seq').all() as Row[];
    const copiesOf = (key: string) => new Set(node(key).copies.map((c) => c.taskId));
    const seqs = (key: string, type: string) => events.filter((e) => copiesOf(key).has(e.stream_id) && e.type === type).map((e) => e.seq);
    expect(seqs('db', 'TaskSucceeded')).toHaveLength(2);
    expect(Math.max(...seqs('db', 'TaskSucceeded'))).toBeLessThan(Math.min(...seqs('app', 'TaskClaimed')));
    expect(Math.max(...seqs('app', 'TaskSucceeded'))).toBeLessThan(Math.min(...seqs('lb', 'TaskClaimed')));
    const fannedOut = events.find((e) => e.stream_id === node('db').taskId && e.type === 'TaskFannedOut');
    expect(JSON.parse(fannedOut!.data).agentIds).toEqual(['db-1', 'db-2']);

    // 2. Policy "fail" (the default): kill one app agent during its step. The step fails, fail-fast cancels lb.
    const second = (await client.jobs.trigger({ event: 'deploy', payload: { version: '1.2.4', appMs: 60_000 } })).job;
    const appRunning = async (jobId: string, agentId: string) => {
      for (let i = 0; i < 200; i++) {
        const job = await client.jobs.get({ jobId });
        if (job.tasks.find((t) => t.key === 'app')?.copies.find((c) => c.agentId === agentId)?.state === 'running') return;
        await sleep(50);
      }
      throw new Error(`the app copy on ${agentId} never ran`);
    };
    await appRunning(second.id, 'app-1');
    agents.get('app-1')!.kill('SIGKILL');
    const failed = await client.jobs.await({ jobId: second.id, timeoutMs: 20_000 });
    const byKey = (job: JobResource, key: string) => job.tasks.find((t) => t.key === key)!;
    expect(failed).toMatchObject({ state: 'failed', failedKeys: ['app', 'lb'] });
    expect(byKey(failed, 'app')).toMatchObject({ state: 'failed', endReason: 'children-failed' });
    expect(byKey(failed, 'app').copies.find((c) => c.agentId === 'app-1')).toMatchObject({ state: 'failed', endReason: 'agent-lost' });
    // The surviving app server was told to stop when the step failed; lb never ran.
    expect(byKey(failed, 'app').copies.find((c) => c.agentId === 'app-2')?.state).toBe('cancelled');
    expect(byKey(failed, 'lb')).toMatchObject({ state: 'cancelled', copies: [] });
    expect((await client.agents.get({ agentId: 'app-1' })).state).toBe('lost');

    // 3. Policy "skip": a replacement joins; kill an app agent mid-step; the step goes on without it and lb runs.
    await startAgent('app-3', 'app');
    const third = (await client.jobs.trigger({ event: 'deploy-tolerant', payload: { version: '1.2.5', appMs: 4_000 } })).job;
    await appRunning(third.id, 'app-2');
    agents.get('app-2')!.kill('SIGKILL');
    const tolerated = await client.jobs.await({ jobId: third.id, timeoutMs: 30_000 });
    expect(tolerated.state).toBe('succeeded');
    const app = byKey(tolerated, 'app');
    expect(app.copies.map((c) => [c.agentId, c.state]).sort()).toEqual([['app-2', 'cancelled'], ['app-3', 'succeeded']]);
    expect(app.copies.find((c) => c.agentId === 'app-2')?.endReason).toBe('its agent was lost; skipped by the step policy');
    expect(Object.keys(app.result as object)).toEqual(['app-3']);
    expect(byKey(tolerated, 'lb').state).toBe('succeeded');
    log.close();
  }, 120_000);
});
