import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, type ClaimedTask } from '@baton/core';
import { createAgent } from '../src/agent/agent.js';
import type { AgentTransport } from '../src/agent/agent-transport.js';

const noop = defineTask({ type: 'noop', schema: z.object({ n: z.number() }) });

/** Resolves once `check` holds, or fails the test after `ms`. */
async function until(check: () => boolean, ms = 2_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** A scheduler with `count` queued tasks whose success reports are held until `releaseReports()`. */
function heldReportsTransport(count: number) {
  const queue: ClaimedTask[] = Array.from({ length: count }, (_, i) => ({
    id: `t${i}`,
    type: 'noop',
    payloadVersion: 1,
    payload: { n: i },
    attempt: 1,
    maxAttempts: 3,
    token: 1,
    timeoutMs: null,
    idempotencyKey: null,
    leaseExpiresAt: null,
    jobId: null,
    key: null,
    results: {},
    trace: null,
  }));
  const held: (() => void)[] = [];
  let holding = true;
  const succeeded: string[] = [];
  const transport: AgentTransport = {
    register: async () => ({ leaseMs: 30_000 }),
    claim: async ({ limit, waitMs, signal }) => {
      if (queue.length === 0) await new Promise<void>((resolve) => (signal.aborted ? resolve() : (setTimeout(resolve, Math.min(waitMs, 20)), signal.addEventListener('abort', () => resolve(), { once: true }))));
      return queue.splice(0, limit);
    },
    heartbeat: async ({ leases }) => leases.map((l) => ({ taskId: l.taskId, held: true, leaseExpiresAt: null, cancelRequested: false })),
    succeed: ({ taskId }) =>
      new Promise<void>((resolve) => {
        const land = () => (succeeded.push(taskId), resolve());
        if (holding) held.push(land);
        else land();
      }),
    fail: async () => undefined,
    release: async () => undefined,
    progress: async () => undefined,
    confirmCancel: async () => undefined,
    onCancelRequested: () => () => undefined,
    unregister: async () => undefined,
  };
  return {
    transport,
    succeeded,
    heldReports: () => held.length,
    releaseReports: () => {
      holding = false;
      for (const land of held.splice(0)) land();
    },
  };
}

describe('agent slots', () => {
  it('a slot frees when its handler ends, so claiming overlaps reporting; reports in flight are capped at three times the concurrency', async () => {
    const scheduler = heldReportsTransport(12);
    const started: number[] = [];
    const agent = createAgent({ transport: scheduler.transport, concurrency: 2, pollIntervalMs: 20, onError: () => undefined });
    agent.handle(noop, async ({ n }) => void started.push(n));
    await agent.start();
    try {
      // Two handlers ran and ended while their reports hang; six more ran in the freed slots, then the cap holds.
      await until(() => scheduler.heldReports() === 8);
      await new Promise((r) => setTimeout(r, 100));
      expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(scheduler.heldReports()).toBe(8);
      expect(agent.active()).toBe(0);
      scheduler.releaseReports();
      await until(() => scheduler.succeeded.length === 12);
      expect(started.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    } finally {
      await agent.stop({ graceMs: 1_000 });
    }
  });

  it("a claimed task's handler starts before the next claim is asked for", async () => {
    const scheduler = heldReportsTransport(3);
    const order: string[] = [];
    const claim = scheduler.transport.claim;
    // One task per claim, with slots to spare: the agent would ask again at once.
    scheduler.transport.claim = (params) => (order.push('claim'), claim({ ...params, limit: 1 }));
    const agent = createAgent({ transport: scheduler.transport, concurrency: 4, pollIntervalMs: 20, onError: () => undefined });
    agent.handle(noop, async ({ n }) => void order.push(`start ${n}`));
    await agent.start();
    try {
      await until(() => order.includes('start 2'));
      expect(order.slice(0, 6)).toEqual(['claim', 'start 0', 'claim', 'start 1', 'claim', 'start 2']);
    } finally {
      scheduler.releaseReports();
      await agent.stop({ graceMs: 1_000 });
    }
  });

  it('stop waits for the reports still in flight', async () => {
    const scheduler = heldReportsTransport(2);
    const agent = createAgent({ transport: scheduler.transport, concurrency: 2, pollIntervalMs: 20, onError: () => undefined });
    agent.handle(noop, async () => undefined);
    await agent.start();
    await until(() => scheduler.heldReports() === 2);
    let stopped = false;
    const stopping = agent.stop({ graceMs: 5_000 }).then(() => (stopped = true));
    await new Promise((r) => setTimeout(r, 100));
    expect(stopped).toBe(false);
    scheduler.releaseReports();
    await stopping;
    expect(scheduler.succeeded.sort()).toEqual(['t0', 't1']);
  });
});
