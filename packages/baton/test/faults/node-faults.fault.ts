import { afterEach, describe, expect, it } from 'vitest';
import { exitOf } from '../e2e/server-process.js';
import { postgresAvailable } from '../support/postgres.js';
import type { FaultWindow } from './fault-checker.js';
import { sleep, startRig, type Rig, type RigNode } from './fault-rig.js';

/**
 * Faults to whole nodes under load (issue 11): 3 `baton server` processes on
 * one PostgreSQL, a load generator keeping a ledger of every acknowledged
 * submission, the fault injected mid-run and healed, then the checker's
 * verdict on the log. Each scenario prints its figures and fails on any
 * loss, double end, disorder or stale write.
 */
describe.runIf(postgresAvailable)('faults to nodes under load (3 nodes, PostgreSQL)', () => {
  let rig: Rig | null = null;
  afterEach(async () => {
    await rig?.stop();
    rig = null;
  }, 60_000);

  /** Load for `ms`, with `fault` run 1.5 s in; then settle, judge and print. */
  async function scenario(name: string, fault: (rig: Rig) => Promise<FaultWindow>) {
    rig = await startRig();
    const current = rig;
    // Tasks long enough that a node always holds some when the fault hits.
    const { report, ledger } = await current.underFault({ name, ms: 6_000, taskMs: 800, fault: () => fault(current) });
    expect(ledger.length).toBeGreaterThan(50);
    return report;
  }

  /** SIGKILL once it runs some of the load, 2 s down, then started again on its address. */
  async function killAndRestart(r: Rig, victim: RigNode, name: string): Promise<FaultWindow> {
    const other = r.nodes.find((n) => n !== victim)!;
    const pid = victim.child.pid!;
    const deadline = Date.now() + 3_000;
    while (Date.now() < deadline) {
      const running = await other.client.tasks.list({ states: ['running'], limit: 500 });
      if (running.items.some((t) => t.agentId?.includes(`-${pid}-`))) break;
      await sleep(50);
    }
    const injectedAt = Date.now();
    victim.child.kill('SIGKILL');
    await exitOf(victim.child);
    await sleep(2_000);
    await r.restart(victim);
    return { name, injectedAt, healedAt: Date.now() };
  }

  it('kill -9 of a node that is not the leader, restarted 2 s later', async () => {
    const report = await scenario('kill -9 of a node', async (r) => {
      const leader = await r.leader();
      return killAndRestart(r, r.nodes.find((n) => n !== leader)!, 'node killed');
    });
    // It held tasks when it died: they were taken back and run again.
    expect(report.recoveryMs[0]?.rescued).toBeGreaterThan(0);
  }, 120_000);

  it('kill -9 of the leader, restarted 2 s later', async () => {
    const report = await scenario('kill -9 of the leader', async (r) => killAndRestart(r, await r.leader(), 'leader killed'));
    expect(report.recoveryMs[0]?.rescued).toBeGreaterThan(0);
  }, 120_000);

  it('SIGSTOP of a node beyond its lease, then SIGCONT', async () => {
    await scenario('SIGSTOP of a node past the lease', async (r) => {
      const victim = r.nodes[1]!;
      const injectedAt = Date.now();
      victim.child.kill('SIGSTOP');
      await sleep(r.leaseMs + 1_500);
      victim.child.kill('SIGCONT');
      return { name: 'node frozen', injectedAt, healedAt: Date.now() };
    });
  }, 120_000);

  it('every node\'s database connections killed at once', async () => {
    await scenario('all database connections killed', async (r) => {
      const injectedAt = Date.now();
      const killed = await r.killConnections();
      expect(killed).toBeGreaterThan(3);
      return { name: 'connections killed', injectedAt, healedAt: injectedAt };
    });
  }, 120_000);
});
