import { describe, expect, it } from 'vitest';
import type { AgentInfo, TaskStore } from '@baton/core';
import { createAgentCoverage } from '../../src/engine/agent-coverage.js';

const agent = (id: string, types: string[]) => ({ id, types, labels: { service: null, tags: [] }, taskIds: [], concurrency: 1 }) as unknown as AgentInfo;

/** A registry whose reads are counted and answered only when the test says so. */
function heldRegistry() {
  let agents: AgentInfo[] = [];
  const pending: (() => void)[] = [];
  let reads = 0;
  const store = {
    listAgents: () => {
      reads++;
      return new Promise<AgentInfo[]>((resolve) => pending.push(() => resolve(agents)));
    },
  } as unknown as TaskStore;
  return {
    store,
    reads: () => reads,
    set: (next: AgentInfo[]) => {
      agents = next;
    },
    answer: () => {
      for (const done of pending.splice(0)) done();
    },
  };
}

const spec = (type: string, refuse = false) => ({ type, target: null, refuse });
const only = (one: ReturnType<typeof spec>) => ({ specs: [one], pathOf: () => '' });
const settled = async <T,>(p: Promise<T>) => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setTimeout(r, 10));
  return done;
};

describe('agent coverage at submission', () => {
  it('concurrent submissions on an empty cache share one read of the registry', async () => {
    const registry = heldRegistry();
    registry.set([agent('a1', ['work'])]);
    let now = 0;
    const coverage = createAgentCoverage({ store: registry.store, clock: { now: () => now }, ttlMs: 1_000 });
    const screens = Array.from({ length: 20 }, () => coverage.screen(only(spec('work'))));
    registry.answer();
    expect(await Promise.all(screens)).toEqual(Array.from({ length: 20 }, () => [[]]));
    expect(registry.reads()).toBe(1);
    now = 999;
    expect(await coverage.screen(only(spec('work')))).toEqual([[]]);
    expect(registry.reads()).toBe(1);
  });

  it('after the ttl, a covered submission does not wait for the next read, which goes on in the background', async () => {
    const registry = heldRegistry();
    registry.set([agent('a1', ['work'])]);
    let now = 0;
    const coverage = createAgentCoverage({ store: registry.store, clock: { now: () => now }, ttlMs: 1_000 });
    const first = coverage.screen(only(spec('work')));
    registry.answer();
    await first;
    now = 1_500;
    // The registry does not answer, yet the submission is screened.
    expect(await settled(coverage.screen(only(spec('work'))))).toBe(true);
    expect(registry.reads()).toBe(2);
    registry.answer();
  });

  it('a warning from an expired list waits for the fresh read: an agent that registered since is found', async () => {
    const registry = heldRegistry();
    let now = 0;
    const coverage = createAgentCoverage({ store: registry.store, clock: { now: () => now }, ttlMs: 1_000 });
    const first = coverage.screen(only(spec('work')));
    registry.answer();
    expect(await first).toEqual([['no live agent runs "work"; it waits until one registers']]);
    registry.set([agent('a1', ['work'])]);
    now = 1_500;
    const second = coverage.screen(only(spec('work')));
    expect(await settled(second)).toBe(false);
    registry.answer();
    expect(await second).toEqual([[]]);
  });

  it('a refusal always reads the registry afresh, even within the ttl', async () => {
    const registry = heldRegistry();
    registry.set([agent('a1', ['work'])]);
    const coverage = createAgentCoverage({ store: registry.store, clock: { now: () => 0 }, ttlMs: 1_000 });
    const first = coverage.screen(only(spec('work')));
    registry.answer();
    await first;
    registry.set([]);
    const refused = coverage.screen(only(spec('work', true)));
    registry.answer();
    await expect(refused).rejects.toMatchObject({ code: 'NO_AGENT_CAN_RUN' });
    expect(registry.reads()).toBe(2);
  });

  it('refresh reads the registry at once, even with a read in flight, and later submissions use it without a read', async () => {
    const registry = heldRegistry();
    let now = 0;
    const coverage = createAgentCoverage({ store: registry.store, clock: { now: () => now }, ttlMs: 1_000 });
    const inFlight = coverage.screen(only(spec('work')));
    // An agent registers while that read is out; refresh does not wait for it, it reads again.
    registry.set([agent('a1', ['work'])]);
    const refreshed = coverage.refresh();
    expect(registry.reads()).toBe(2);
    registry.answer();
    await refreshed;
    await inFlight;
    now = 500;
    expect(await coverage.screen(only(spec('work')))).toEqual([[]]);
    expect(registry.reads()).toBe(2);
  });
});
