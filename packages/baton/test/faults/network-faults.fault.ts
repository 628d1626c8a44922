import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../support/postgres.js';
import { sleep, startRig, type Rig } from './fault-rig.js';
import { startRemoteAgent, waitUntilHolding } from './remote-agent.js';
const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 10_000 });

/**
 * A network namespace joined to this host by a veth pair: a second host on
 * one machine. The host's end can be taken down and up again, which drops
 * every packet both ways without closing anything, as a cut cable does.
 */
function makeNamespace(): { name: string; hostAddress: string; cut: () => void; heal: () => void; remove: () => void } {
  const id = randomBytes(3).toString('hex');
  const name = `baton-${id}`;
  const hostEnd = `bh${id}`;
  const innerEnd = `bn${id}`;
  const subnet = 200 + (parseInt(id.slice(0, 2), 16) % 50);
  const hostAddress = `10.${subnet}.${parseInt(id.slice(2, 4), 16)}.1`;
  const innerAddress = hostAddress.replace(/\.1$/, '.2');
  ip('netns', 'add', name);
  try {
    ip('link', 'add', hostEnd, 'type', 'veth', 'peer', 'name', innerEnd);
    ip('link', 'set', innerEnd, 'netns', name);
    ip('addr', 'add', `${hostAddress}/30`, 'dev', hostEnd);
    ip('link', 'set', hostEnd, 'up');
    ip('netns', 'exec', name, 'ip', 'addr', 'add', `${innerAddress}/30`, 'dev', innerEnd);
    ip('netns', 'exec', name, 'ip', 'link', 'set', innerEnd, 'up');
    ip('netns', 'exec', name, 'ip', 'link', 'set', 'lo', 'up');
  } catch (error) {
    ip('netns', 'del', name);
    throw error;
  }
  return {
    name,
    hostAddress,
    cut: () => ip('link', 'set', hostEnd, 'down'),
    heal: () => ip('link', 'set', hostEnd, 'up'),
    // Deleting the namespace deletes the veth pair with it.
    remove: () => void ip('netns', 'del', name),
  };
}

function namespacesWork(): boolean {
  if (process.getuid?.() !== 0) return false;
  try {
    makeNamespace().remove();
    return true;
  } catch {
    return false;
  }
}
const canCut = postgresAvailable && namespacesWork();
if (postgresAvailable && !canCut) {
  if (process.env.CI === 'true') throw new Error('the network-cut scenario needs root and iproute2 (ip netns) in CI');
  process.stderr.write('Fault scenario "remote agent cut off" skipped: it needs root and `ip netns` (iproute2) to make a second host.\n');
}

describe.runIf(canCut)('the network between a remote agent and its server cut and healed (network namespace)', () => {
  let rig: Rig | null = null;
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    await rig?.stop();
    rig = null;
  }, 60_000);

  it('takes back what the cut-off agent held, fences its late reports after the heal, loses nothing', async () => {
    const ns = makeNamespace();
    cleanups.push(() => ns.remove());
    rig = await startRig();
    const r = rig;
    // The agent's server: an API-only node on the host's end of the veth.
    const gateway = await r.addNode({ host: ns.hostAddress, runTypes: 'none' });
    const agentId = `remote-${ns.name}`;
    const agent = await startRemoteAgent({ rig: r, server: gateway, id: agentId, runUnder: ['ip', 'netns', 'exec', ns.name] });
    cleanups.push(() => agent.stop());

    let heldAtCut = 0;
    let healedAt = 0;
    const { report, events } = await r.underFault({
      name: 'remote agent cut off and healed',
      ms: 12_000,
      taskMs: 800,
      fault: async () => {
        heldAtCut = await waitUntilHolding({ rig: r, agentId, ms: 3_500 });
        const injectedAt = Date.now();
        ns.cut();
        await sleep(r.leaseMs + 4_000);
        ns.heal();
        healedAt = Date.now();
        return { name: 'remote agent cut off', injectedAt, healedAt };
      },
      note: () => `the agent held ${heldAtCut} when cut`,
    });
    expect(heldAtCut).toBeGreaterThan(0);
    expect(report.recoveryMs[0]?.rescued).toBeGreaterThan(0);
    // After the heal the agent works again: it ran tasks claimed after it came back.
    const claimedAfter = events.filter((e) => e.type === 'TaskClaimed' && e.time > healedAt + 500 && (e.data as { agentId: string }).agentId === agentId);
    expect(claimedAfter.length).toBeGreaterThan(0);
  }, 150_000);
});
