import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, type StoredEvent } from '@baton/core';
import { createBaton } from '../../src/app/create-baton.js';
import { checkFaultRun, summarize } from './fault-checker.js';

const quiet = { warn: () => undefined, error: () => undefined };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A stream of events with consecutive versions and log positions from `seq`. */
function stream(taskId: string, seq: number, events: { type: string; data?: object; time?: number }[]): StoredEvent[] {
  return events.map((e, i) => ({ seq: seq + i, streamId: taskId, version: i + 1, type: e.type, data: e.data ?? {}, time: e.time ?? seq + i }));
}
const claimed = (token: number) => ({ type: 'TaskClaimed', data: { token } });
const succeeded = (token: number, time?: number) => ({ type: 'TaskSucceeded', data: { token }, ...(time === undefined ? {} : { time }) });

describe('the fault checker', () => {
  it('passes a clean history and counts a re-execution after a rescued lease, which at-least-once allows', () => {
    const events = [
      ...stream('a', 1, [{ type: 'TaskSubmitted' }, claimed(1), succeeded(1)]),
      ...stream('b', 10, [{ type: 'TaskSubmitted' }, claimed(1), { type: 'TaskLeaseExpired', data: { token: 1 } }, claimed(2), succeeded(2)]),
    ];
    const report = checkFaultRun({ ledger: [{ taskId: 'a', ackedAt: 0 }, { taskId: 'b', ackedAt: 0 }], events });
    expect(report).toMatchObject({ acknowledged: 2, completed: 2, lost: [], duplicateTerminal: [], outOfOrder: [], staleWrites: [], reExecutions: 1 });
    expect(summarize('clean', report)).toEqual({ ok: true, line: 'clean: acknowledged 2, completed 2, lost 0, duplicate terminal 0, out of order 0, stale writes 0, re-executions 1 — PASS' });
  });

  it('finds a lost task, a double end, a version out of order, and a stale token that was written', () => {
    const events = [
      ...stream('ended-twice', 1, [{ type: 'TaskSubmitted' }, claimed(1), succeeded(1), { type: 'TaskCancelled' }]),
      ...stream('stale', 10, [{ type: 'TaskSubmitted' }, claimed(1), { type: 'TaskLeaseExpired', data: { token: 1 } }, claimed(2), succeeded(1)]),
      { seq: 20, streamId: 'gap', version: 1, type: 'TaskSubmitted', data: {}, time: 20 },
      { seq: 21, streamId: 'gap', version: 3, type: 'TaskCancelled', data: {}, time: 21 },
    ];
    const ledger = ['ended-twice', 'stale', 'gap', 'never-written'].map((taskId) => ({ taskId, ackedAt: 0 }));
    const report = checkFaultRun({ ledger, events });
    expect(report.lost).toEqual(['never-written']);
    expect(report.duplicateTerminal).toEqual(['ended-twice']);
    expect(report.outOfOrder).toEqual(['gap']);
    expect(report.staleWrites).toEqual([{ taskId: 'stale', type: 'TaskSucceeded', token: 1, current: 2 }]);
    expect(summarize('broken', report).ok).toBe(false);
  });

  it('measures recovery from each fault\'s injection to the next task that ends', () => {
    const events = [...stream('early', 1, [{ type: 'TaskSubmitted' }, claimed(1), succeeded(1, 1_000)]), ...stream('late', 10, [{ type: 'TaskSubmitted' }, claimed(1), succeeded(1, 5_400)])];
    const report = checkFaultRun({
      ledger: [{ taskId: 'early', ackedAt: 0 }, { taskId: 'late', ackedAt: 0 }],
      events,
      faults: [
        { name: 'agent killed', injectedAt: 2_000, healedAt: 3_000 },
        { name: 'after the end', injectedAt: 9_000, healedAt: 9_500 },
      ],
    });
    expect(report.recoveryMs).toEqual([
      { name: 'agent killed', ms: 3_400, rescued: 0 },
      { name: 'after the end', ms: null, rescued: 0 },
    ]);
    // With leases rescued after the fault, recovery runs to the end of the last task it hit.
    const hit = checkFaultRun({
      ledger: [{ taskId: 'x', ackedAt: 0 }, { taskId: 'y', ackedAt: 0 }],
      events: [
        ...stream('x', 1, [{ type: 'TaskSubmitted', time: 0 }, { ...claimed(1), time: 100 }, { type: 'TaskLeaseExpired', data: { token: 1 }, time: 2_500 }, { ...claimed(2), time: 2_600 }, succeeded(2, 6_000)]),
        ...stream('y', 10, [{ type: 'TaskSubmitted', time: 0 }, { ...claimed(1), time: 100 }, succeeded(1, 2_100)]),
      ],
      faults: [{ name: 'agent killed', injectedAt: 2_000, healedAt: 2_000 }],
    });
    expect(hit.recoveryMs).toEqual([{ name: 'agent killed', ms: 4_000, rescued: 1 }]);
  });

  it('judges a real history: a claim whose holder went silent is rescued, claimed again and ends once', async () => {
    const work = defineTask({ type: 'work', schema: z.object({}) });
    const baton = await createBaton({ database: 'sqlite::memory:', definitions: [work], logger: quiet, leaseMs: 200, sweepIntervalMs: 60_000 });
    try {
      const { task } = await baton.tasks.submit({ type: 'work', payload: {} });
      await baton.engine.work.claim({ agentId: 'silent', types: ['work'], limit: 1 });
      await sleep(300);
      await baton.engine.sweepNow();
      const agent = baton.agents.create({ id: 'healthy' });
      agent.handle(work, async () => 'done');
      await agent.start();
      await baton.tasks.await({ taskId: task.id, timeoutMs: 5_000 });
      await agent.stop();
      // The silent holder's late report is refused by its fencing token, so nothing stale is written.
      expect(await baton.engine.work.succeed({ taskId: task.id, token: 1, result: 'late' }).catch((e: { code: string }) => e.code)).toBe('STALE_LEASE');
      const events = await baton.engine.events.readAll({ afterSeq: 0, limit: 1_000 });
      const report = checkFaultRun({ ledger: [{ taskId: task.id, ackedAt: 0 }], events });
      expect(report).toMatchObject({ completed: 1, lost: [], duplicateTerminal: [], outOfOrder: [], staleWrites: [], reExecutions: 1 });
    } finally {
      await baton.close({ graceMs: 100 });
    }
  });
});
