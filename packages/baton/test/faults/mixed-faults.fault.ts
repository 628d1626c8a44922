import { afterEach, describe, expect, it } from 'vitest';
import { exitOf } from '../e2e/server-process.js';
import { postgresAvailable } from '../support/postgres.js';
import type { FaultWindow } from './fault-checker.js';
import { sleep, startRig, type Rig } from './fault-rig.js';

/**
 * One run, one load, the faults one after another with little time between
 * (issue 11, "a mixed run"): what one fault leaves half-recovered, the next
 * one hits. Each fault gets its own recovery figure.
 */
describe.runIf(postgresAvailable)('a mixed run: every fault in turn under one load', () => {
  let rig: Rig | null = null;
  afterEach(async () => {
    await rig?.stop();
    rig = null;
  }, 60_000);

  it('kill -9, SIGSTOP, connections killed, LISTEN silenced, a slow and then an unreachable database: nothing lost', async () => {
    rig = await startRig({ viaProxy: true });
    const r = rig;
    const windows: FaultWindow[] = [];
    const fault = async (name: string, act: () => Promise<void>) => {
      const injectedAt = Date.now();
      await act();
      windows.push({ name, injectedAt, healedAt: Date.now() });
      await sleep(1_500);
    };
    const { ledger, refused } = await r.load({
      ms: 34_000,
      everyMs: 40,
      taskMs: 500,
      during: async () => {
        await sleep(1_500);
        await fault('node killed', async () => {
          const victim = r.nodes[2]!;
          victim.child.kill('SIGKILL');
          await exitOf(victim.child);
          await sleep(1_000);
          await r.restart(victim);
        });
        await fault('node frozen past its lease', async () => {
          const victim = r.nodes[1]!;
          victim.child.kill('SIGSTOP');
          await sleep(r.leaseMs + 1_000);
          victim.child.kill('SIGCONT');
        });
        await fault('connections killed', async () => {
          await r.killConnections();
        });
        await fault('LISTEN silenced', async () => {
          r.proxy!.blackhole('LISTEN "');
          await sleep(3_000);
        });
        await fault('slow database', async () => {
          r.proxy!.delay(200);
          await sleep(3_000);
          r.proxy!.delay(0);
        });
        await fault('database unreachable 8 s', async () => {
          await r.proxy!.cut();
          await sleep(8_000);
          await r.proxy!.restore();
        });
      },
    });
    await r.judge({ name: 'mixed run', ledger, faults: windows, note: `refused while faulted: ${refused}`, settleMs: 90_000 });
    expect(windows).toHaveLength(6);
    expect(ledger.length).toBeGreaterThan(200);
  }, 180_000);
});
