import { afterEach, describe, expect, it } from 'vitest';
import { exitOf } from '../e2e/server-process.js';
import { postgresAvailable } from '../support/postgres.js';
import type { FaultWindow } from './fault-checker.js';
import { sleep, startRig, type Rig } from './fault-rig.js';
import { startRemoteAgent, waitUntilHolding } from './remote-agent.js';

/**
 * Faults to an agent process under load (issue 11): a `baton agent` working
 * for one of the 3 nodes over HTTP, beside the nodes' own agents, killed or
 * frozen while it holds tasks.
 */
describe.runIf(postgresAvailable)('faults to a remote agent process under load', () => {
  let rig: Rig | null = null;
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await rig?.stop();
    rig = null;
  }, 60_000);

  async function scenario(name: string, fault: (agent: Awaited<ReturnType<typeof startRemoteAgent>>, rig: Rig) => Promise<FaultWindow>) {
    rig = await startRig();
    const r = rig;
    const agent = await startRemoteAgent({ rig: r, server: r.nodes[0]!, id: `remote-${name.replace(/\W+/g, '-')}` });
    cleanups.push(() => agent.stop());
    let held = 0;
    const { report } = await r.underFault({
      name,
      ms: 8_000,
      taskMs: 800,
      fault: async () => {
        held = await waitUntilHolding({ rig: r, agentId: agent.id, ms: 3_500 });
        return fault(agent, r);
      },
      note: () => `the agent held ${held}`,
    });
    expect(held).toBeGreaterThan(0);
    // What it held was taken back and run again elsewhere.
    expect(report.recoveryMs[0]?.rescued).toBeGreaterThan(0);
  }

  it('kill -9 of an agent that holds tasks', async () => {
    await scenario('kill -9 of an agent', async (agent) => {
      const injectedAt = Date.now();
      agent.child.kill('SIGKILL');
      await exitOf(agent.child);
      return { name: 'agent killed', injectedAt, healedAt: injectedAt };
    });
  }, 120_000);

  it('SIGSTOP of an agent beyond its lease, then SIGCONT: its late reports are fenced', async () => {
    await scenario('SIGSTOP of an agent past the lease', async (agent, r) => {
      const injectedAt = Date.now();
      agent.child.kill('SIGSTOP');
      await sleep(r.leaseMs + 2_000);
      agent.child.kill('SIGCONT');
      return { name: 'agent frozen', injectedAt, healedAt: Date.now() };
    });
  }, 120_000);
});
