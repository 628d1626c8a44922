import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readdirSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAvailable, testPool } from '../support/postgres.js';
import type { FaultReport, FaultWindow } from './fault-checker.js';
import { sleep, startRig, type Rig } from './fault-rig.js';

/**
 * Faults to the database and the way to it, under load (issue 11): every node
 * reaches PostgreSQL through one proxy the scenario cuts, slows or silences,
 * or PostgreSQL itself is restarted. The checker judges each run.
 */

/** `pg_ctlcluster … restart` of this machine's cluster, when this process may (root, Debian's tools). */
function postgresRestarter(): (() => Promise<void>) | null {
  if (!existsSync('/etc/postgresql') || process.getuid?.() !== 0) return null;
  const version = readdirSync('/etc/postgresql')[0];
  if (!version) return null;
  // Not the sync call: the load generator in this process must go on submitting while the server restarts.
  return async () => void (await promisify(execFile)('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'restart', '-m', 'fast'], { timeout: 60_000 }));
}
const restartPostgres = postgresRestarter();
if (!restartPostgres) {
  if (process.env.CI === 'true') throw new Error('the PostgreSQL restart scenario needs root and pg_ctlcluster in CI');
  process.stderr.write('Fault scenario "PostgreSQL restarted" skipped: it needs root and Debian\'s pg_ctlcluster to restart the local cluster.\n');
}

async function waitForPostgres(deadlineMs: number): Promise<void> {
  const until = Date.now() + deadlineMs;
  for (;;) {
    const pool = testPool({ max: 1 });
    try {
      await pool.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await sleep(200);
    } finally {
      await pool.end().catch(() => undefined);
    }
  }
}

describe.runIf(postgresAvailable)('faults to the database under load (3 nodes, PostgreSQL)', () => {
  let rig: Rig | null = null;
  afterEach(async () => {
    await rig?.stop();
    rig = null;
  }, 60_000);

  /** Load for `ms` with `fault` started 1.5 s in; settle, judge, print. */
  async function scenario(params: { name: string; ms?: number; viaProxy?: boolean; fault: (rig: Rig) => Promise<FaultWindow> }): Promise<FaultReport> {
    rig = await startRig({ viaProxy: params.viaProxy ?? true });
    const current = rig;
    const { report, ledger } = await current.underFault({ name: params.name, ms: params.ms ?? 6_000, taskMs: 300, fault: () => params.fault(current) });
    expect(ledger.length).toBeGreaterThan(50);
    return report;
  }

  it('unreachable for 30 s: connections dropped and refused, then healed', async () => {
    const report = await scenario({
      name: 'database unreachable for 30 s',
      ms: 36_000,
      fault: async (r) => {
        const injectedAt = Date.now();
        await r.proxy!.cut();
        await sleep(30_000);
        await r.proxy!.restore();
        return { name: 'database unreachable 30 s', injectedAt, healedAt: Date.now() };
      },
    });
    // Work went on after the heal: submissions acknowledged after it ended too.
    expect(report.completed).toBe(report.acknowledged);
  }, 150_000);

  it.runIf(restartPostgres !== null)('PostgreSQL restarted (fast shutdown) under load', async () => {
    await scenario({
      name: 'PostgreSQL restarted',
      viaProxy: false,
      fault: async () => {
        const injectedAt = Date.now();
        await restartPostgres!();
        await waitForPostgres(30_000);
        return { name: 'PostgreSQL restarted', injectedAt, healedAt: Date.now() };
      },
    });
  }, 150_000);

  it('the LISTEN connection silently dropped: each node notices and listens again', async () => {
    const marker = 'LISTEN "';
    await scenario({
      name: 'LISTEN connections silently dropped',
      ms: 14_000,
      fault: async (r) => {
        const before = r.proxy!.seen(marker);
        const injectedAt = Date.now();
        const dropped = r.proxy!.blackhole(marker);
        expect(dropped).toBe(3);
        // The listener's check query times out on the silent connection, and it connects again.
        const deadline = Date.now() + 15_000;
        while (r.proxy!.seen(marker) < before + 3 && Date.now() < deadline) await sleep(100);
        expect(r.proxy!.seen(marker)).toBeGreaterThanOrEqual(before + 3);
        console.info(`LISTEN connections replaced ${Date.now() - injectedAt} ms after they went silent`);
        return { name: 'LISTEN silently dropped', injectedAt, healedAt: Date.now() };
      },
    });
  }, 120_000);

  it('a slow database: every packet held 300 ms for 5 s', async () => {
    await scenario({
      name: 'slow database (300 ms per packet)',
      ms: 9_000,
      fault: async (r) => {
        const injectedAt = Date.now();
        r.proxy!.delay(300);
        await sleep(5_000);
        r.proxy!.delay(0);
        return { name: 'slow database', injectedAt, healedAt: Date.now() };
      },
    });
  }, 120_000);
});
