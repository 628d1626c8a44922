import { describe, expect, it } from 'vitest';
import { startHeartbeat } from '../src/agent/heartbeat.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('agent heartbeat', () => {
  it('gives a lease up by its own clock before it can expire, even while a renewal hangs on a dead network', async () => {
    const leaseMs = 1_000;
    const start = performance.now();
    const lost: { taskId: string; at: number }[] = [];
    let renewCalls = 0;
    const beat = startHeartbeat({
      leaseMs,
      held: () => (lost.length ? [] : [{ taskId: 't1', token: 1, renewedAt: start }]),
      renew: () => {
        renewCalls += 1;
        return new Promise(() => undefined); // never answers
      },
      onRenewed: () => undefined,
      onLost: (taskId) => lost.push({ taskId, at: performance.now() - start }),
      onCancelRequested: () => undefined,
      onError: () => undefined,
    });
    try {
      await sleep(leaseMs + 200);
      expect(lost.map((l) => l.taskId)).toEqual(['t1']);
      expect(lost[0]!.at).toBeGreaterThanOrEqual(leaseMs * 0.8 - 5);
      expect(lost[0]!.at).toBeLessThan(leaseMs);
      // One renewal in flight at a time: a hung one is not piled on.
      expect(renewCalls).toBe(1);
    } finally {
      beat.stop();
    }
  });

  it('renews every third of the lease, passes on cancel requests and lost claims', async () => {
    const seen: string[] = [];
    let renewedAt = performance.now();
    const beat = startHeartbeat({
      leaseMs: 300,
      held: () => [
        { taskId: 'ok', token: 1, renewedAt },
        { taskId: 'gone', token: 1, renewedAt },
      ],
      renew: async (leases) => {
        seen.push(`renew:${leases.map((l) => l.taskId).join(',')}`);
        return [
          { taskId: 'ok', held: true, leaseExpiresAt: 1, cancelRequested: true },
          { taskId: 'gone', held: false, leaseExpiresAt: null, cancelRequested: false },
        ];
      },
      onRenewed: (taskId, at) => {
        if (taskId === 'ok') renewedAt = at;
      },
      onLost: (taskId, why) => seen.push(`lost:${taskId}:${why.includes('taken back')}`),
      onCancelRequested: (taskId) => seen.push(`cancel:${taskId}`),
      onError: () => undefined,
    });
    try {
      await sleep(250);
      expect(seen.slice(0, 3)).toEqual(['renew:ok,gone', 'cancel:ok', 'lost:gone:true']);
    } finally {
      beat.stop();
    }
  });
});
