import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { exitOf } from '../e2e/server-process.js';
import { postgresAvailable } from '../support/postgres.js';
import { sleep, startRig, type Rig } from './fault-rig.js';

/** Debian's libfaketime (`apt-get install faketime`): LD_PRELOADed into a node, it shifts what that node's clock reads. */
const LIBFAKETIME = ['/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1', '/usr/lib/aarch64-linux-gnu/faketime/libfaketimeMT.so.1'].find((path) => existsSync(path)) ?? null;
if (!LIBFAKETIME) {
  if (process.env.CI === 'true') throw new Error('the clock-skew scenario needs libfaketime in CI (.ci/run installs Debian\'s faketime)');
  process.stderr.write('Fault scenario "clock skew" skipped: install libfaketime (apt-get install faketime) to run it.\n');
}

/** Node 2 runs 5 minutes ahead, node 3 five minutes behind; timers (the monotonic clock) are left alone. */
const skewOf = (index: number): Record<string, string> => {
  const shift = index === 1 ? '+5m' : index === 2 ? '-5m' : null;
  return shift && LIBFAKETIME ? { LD_PRELOAD: LIBFAKETIME, FAKETIME: shift, FAKETIME_DONT_FAKE_MONOTONIC: '1' } : {};
};

describe.runIf(postgresAvailable && LIBFAKETIME !== null)('a node\'s clock skewed ±5 minutes (libfaketime)', () => {
  let rig: Rig | null = null;
  afterEach(async () => {
    await rig?.stop();
    rig = null;
  }, 60_000);

  it('neither postpones nor hurries work, and leases still expire on time when the fast node is killed', async () => {
    rig = await startRig({ nodeEnv: skewOf });
    const current = rig;
    const ahead = current.nodes[1]!;
    // The skew is real: the node itself says its time is 5 minutes ahead.
    const said = Date.parse((await fetch(`${ahead.url}/healthz`)).headers.get('date') ?? '');
    expect(said - Date.now()).toBeGreaterThan(4 * 60_000);
    const { report, events } = await current.underFault({
      name: 'clock skew ±5 min, the fast node killed',
      ms: 8_000,
      taskMs: 800,
      fault: async () => {
        const injectedAt = Date.now();
        ahead.child.kill('SIGKILL');
        await exitOf(ahead.child);
        await sleep(2_000);
        await current.restart(ahead);
        return { name: 'skewed node killed', injectedAt, healedAt: Date.now() };
      },
    });
    // Every submission was for "now": each was queued at once, its run time the database's now, whichever node took it.
    const submitted = events.filter((e) => e.type === 'TaskSubmitted').map((e) => ({ ...(e.data as { ready: boolean; runAt: number }), time: e.time }));
    const offBy = Math.max(...submitted.map((d) => Math.abs(d.runAt - d.time)));
    console.info(`clock skew: run times off the database's clock by at most ${offBy} ms`);
    expect(submitted.filter((d) => !d.ready)).toEqual([]);
    expect(offBy).toBeLessThan(1_000);
    // A reminder's timer, set through the node 5 minutes ahead, counts from the database's clock too.
    const reminder = await fetch(`${current.nodes[1]!.url}/api/v1/reminders`, { method: 'POST', headers: { authorization: `Bearer ${current.token()}`, 'content-type': 'application/json' }, body: JSON.stringify({ seconds: 60, address: 'http://example.invalid/hook' }) });
    expect(reminder.status).toBe(200);
    const reminderId = ((await reminder.json()) as { id: string }).id;
    const [defined] = (await current.events([{ taskId: reminderId, ackedAt: Date.now() }])).filter((e) => e.type === 'TaskSubmitted');
    expect(Math.abs((defined!.data as { runAt: number }).runAt - (defined!.time + 60_000))).toBeLessThan(1_000);
    // Leases run on the database's clock: the killed node's tasks came back within lease + sweep, not 5 minutes off.
    expect(report.recoveryMs[0]?.rescued).toBeGreaterThan(0);
    expect(report.recoveryMs[0]?.ms).toBeLessThan(15_000);
  }, 150_000);
});
