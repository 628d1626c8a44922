import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { exitOf, startAgentProcess } from '../e2e/server-process.js';
import { makeTempDir } from '../support/temp-dir.js';
import { sleep, type Rig, type RigNode } from './fault-rig.js';

const HANDLERS = fileURLToPath(new URL('../cluster/fixtures/cluster-handlers.mjs', import.meta.url));

/** A `baton agent` process for the rig's `shared` tasks, talking to one node over HTTP. */
async function startRemoteAgent(params: { rig: Rig; server: RigNode; id: string; runUnder?: string[] }): Promise<{ id: string; child: ChildProcess; stop: () => Promise<void> }> {
  const tmp = makeTempDir('fault-agent');
  const agent = await startAgentProcess({
    cwd: tmp.dir,
    ...(params.runUnder ? { runUnder: params.runUnder } : {}),
    args: ['--server', params.server.url, '--token', params.rig.token(), 'agent', '--handlers', HANDLERS, '--run-types', 'shared', '--concurrency', '10', '--id', params.id, '--grace', '200'],
  });
  return {
    id: params.id,
    child: agent.child,
    async stop() {
      if (agent.child.exitCode === null && agent.child.signalCode === null) {
        agent.child.kill('SIGCONT');
        agent.child.kill('SIGKILL');
        await exitOf(agent.child);
      }
      tmp.remove();
    },
  };
}

/** Waits (up to `ms`) until the agent runs at least one task, so a fault then hits work in flight; returns how many it runs. */
async function waitUntilHolding(params: { rig: Rig; agentId: string; ms: number }): Promise<number> {
  const deadline = Date.now() + params.ms;
  let held = 0;
  while (Date.now() < deadline) {
    held = (await params.rig.nodes[0]!.client.tasks.list({ states: ['running'], limit: 500 })).items.filter((t) => t.agentId === params.agentId).length;
    if (held > 0) break;
    await sleep(50);
  }
  return held;
}

export { startRemoteAgent, waitUntilHolding };
