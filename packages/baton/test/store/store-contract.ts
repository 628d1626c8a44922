import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import type { TaskStore } from '@baton/core';
import { createFakeClock, type FakeClock } from '@baton/core/testing';
import { leaseContractCases } from './store-contract-leases.js';
import { registryContractCases } from './store-contract-registry.js';
import { handoffContractCases } from './store-contract-handoff.js';
import { expectProjectionIsFold, newTask, type OpenStore, type StoreHarness } from './store-contract-support.js';

/**
 * The behaviour every storage driver must have. A driver passes when this whole
 * suite is green against it, unchanged.
 */
function describeStoreContract(params: { driver: string; open: OpenStore; persistent: boolean }): void {
  describe(`store contract: ${params.driver}`, () => {
    let clock: FakeClock;
    let harness: StoreHarness;
    let store: TaskStore;
    const due = () => clock.now();

    beforeEach(async () => {
      clock = createFakeClock();
      harness = await params.open({ clock });
      store = harness.store;
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    const env = () => ({ driver: params.driver, store, clock });
    leaseContractCases(env);
    registryContractCases(env);
    handoffContractCases(env);

    it('stores a submitted task as one TaskSubmitted event and its projection', async () => {
      const task = newTask({ runAt: due() });
      const [outcome] = await store.submit({ tasks: [task] });
      expect(outcome?.created).toBe(true);
      expect(outcome?.task).toMatchObject({ id: task.taskId, state: 'queued', attempt: 0, token: 0, version: 1 });
      const events = await store.readStream({ streamId: task.taskId });
      expect(events.map((e) => e.type)).toEqual(['TaskSubmitted']);
      await expectProjectionIsFold(store, task.taskId);
    });

    it('submits many tasks in one transaction: all or none', async () => {
      const a = newTask({ runAt: due() });
      const b = newTask({ runAt: due() });
      await expect(store.submit({ tasks: [a, b, { ...a }] })).rejects.toThrow();
      expect(await store.get({ taskId: a.taskId })).toBeNull();
      expect(await store.get({ taskId: b.taskId })).toBeNull();
      expect(await store.readAll({ afterSeq: 0, limit: 10 })).toEqual([]);
      const outcomes = await store.submit({ tasks: [a, b] });
      expect(outcomes.map((o) => o.created)).toEqual([true, true]);
    });

    it('counts a delay from when the submitter accepted the task, not from when the store got to it', async () => {
      const t0 = due();
      const waited = newTask({ runAt: t0 + 60_000, startsAfterMs: 5_000 });
      const absolute = newTask({ runAt: t0 + 5_000, startsAfterMs: null });
      const overdue = newTask({ runAt: t0, startsAfterMs: 1_000 });
      // The submitter accepted these 2 s ago (a burst queued for connections); a fractional elapsed time rounds down.
      const [a, b, c] = await store.submit({ tasks: [waited, absolute, overdue], sinceAccepted: () => 2_000.7 });
      expect(a?.task).toMatchObject({ state: 'scheduled', runAt: t0 + 3_000 });
      expect(b?.task).toMatchObject({ state: 'scheduled', runAt: t0 + 5_000 });
      // Waited longer than its delay: due at once, never in the past.
      expect(c?.task).toMatchObject({ state: 'queued', runAt: t0 });
      const job = await store.submitJob({
        job: { jobId: 'job-delay', name: 'j', failurePolicy: 'fail-fast', tasks: [{ key: 'only', taskId: 'job-delay-only', dependsOn: [] }], workflow: null },
        tasks: [newTask({ taskId: 'job-delay-only', runAt: t0 + 60_000, startsAfterMs: 5_000, job: { jobId: 'job-delay', key: 'only', dependsOn: [] } })],
        sinceAccepted: () => 1_500,
      });
      expect(job.tasks[0]).toMatchObject({ state: 'scheduled', runAt: t0 + 3_500 });
      for (const task of [a, b, c]) await expectProjectionIsFold(store, task?.task.id as string);
    });

    it('returns the original task for a repeated idempotency key and writes nothing', async () => {
      const first = newTask({ runAt: due(), idempotencyKey: 'order-42' });
      await store.submit({ tasks: [first] });
      const [again] = await store.submit({ tasks: [newTask({ runAt: due(), idempotencyKey: 'order-42', payload: 'other' })] });
      expect(again).toMatchObject({ created: false, task: { id: first.taskId, payload: first.payload } });
      expect(await store.readAll({ afterSeq: 0, limit: 10 })).toHaveLength(1);
    });

    it('claims by priority, then due time, then submission order, never more than the limit', async () => {
      const t0 = due();
      const low = newTask({ runAt: t0, priority: 0 });
      const highLate = newTask({ runAt: t0, priority: 5 });
      const highEarly = newTask({ runAt: t0 - 1_000, priority: 5 });
      const lowSecond = newTask({ runAt: t0, priority: 0 });
      await store.submit({ tasks: [low, highLate, highEarly, lowSecond] });
      const first = await store.claim({ agentId: 'a1', types: ['email.send'], limit: 3, leaseMs: 30_000 });
      expect(first.map((t) => t.id)).toEqual([highEarly.taskId, highLate.taskId, low.taskId]);
      expect(first.every((t) => t.state === 'running' && t.agentId === 'a1' && t.token === 1 && t.attempt === 1)).toBe(true);
      expect(first[0]?.leaseExpiresAt).toBe(t0 + 30_000);
      const second = await store.claim({ agentId: 'a1', types: ['email.send'], limit: 3, leaseMs: 30_000 });
      expect(second.map((t) => t.id)).toEqual([lowSecond.taskId]);
      expect(await store.claim({ agentId: 'a1', types: ['email.send'], limit: 3, leaseMs: 30_000 })).toEqual([]);
    });

    it('claims only the types asked for', async () => {
      const email = newTask({ runAt: due() });
      const sms = newTask({ runAt: due(), taskType: 'sms.send' });
      await store.submit({ tasks: [email, sms] });
      const claimed = await store.claim({ agentId: 'a1', types: ['sms.send'], limit: 10, leaseMs: 1_000 });
      expect(claimed.map((t) => t.id)).toEqual([sms.taskId]);
      expect(await store.claim({ agentId: 'a1', types: [], limit: 10, leaseMs: 1_000 })).toEqual([]);
    });

    it('records success with the current token', async () => {
      const task = newTask({ runAt: due() });
      await store.submit({ tasks: [task] });
      const [claimed] = await store.claim({ agentId: 'a1', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      const outcome = await store.succeed({ taskId: task.taskId, token: claimed!.token, result: { sent: true } });
      expect(outcome).toMatchObject({ ok: true, value: { state: 'succeeded', result: { sent: true }, agentId: null } });
      await expectProjectionIsFold(store, task.taskId);
    });

    it('refuses a stale report and writes no event', async () => {
      const task = newTask({ runAt: due() });
      await store.submit({ tasks: [task] });
      await store.claim({ agentId: 'a1', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      await store.release({ taskId: task.taskId, token: 1, reason: 'agent stopping' });
      await store.claim({ agentId: 'a2', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      const before = await store.readAll({ afterSeq: 0, limit: 100 });
      const zombie = await store.succeed({ taskId: task.taskId, token: 1, result: 'late' });
      expect(zombie).toMatchObject({ ok: false, error: { code: 'STALE_LEASE', taskId: task.taskId } });
      const zombieFail = await store.fail({ taskId: task.taskId, token: 1, error: { name: 'E', message: 'x' }, retryable: true, random: 0 });
      expect(zombieFail).toMatchObject({ ok: false, error: { code: 'STALE_LEASE' } });
      expect(await store.readAll({ afterSeq: 0, limit: 100 })).toEqual(before);
      expect(await store.get({ taskId: task.taskId })).toMatchObject({ state: 'running', agentId: 'a2', token: 2 });
    });

    it('a run time with a fraction of a millisecond is due when the clock reaches the fraction, not the millisecond before (ADR 0036)', async () => {
      const runAt = clock.now() + 1_000.25;
      const task = newTask({ runAt });
      await store.submit({ tasks: [task] });
      expect(await store.get({ taskId: task.taskId })).toMatchObject({ state: 'scheduled', runAt });
      expect(await store.nextDueAt()).toBe(runAt);
      clock.advance(1_000);
      expect(await store.promoteDue({ limit: 10 })).toEqual([]);
      clock.advance(0.2);
      expect(await store.promoteDue({ limit: 10 })).toEqual([]);
      clock.advance(0.05);
      expect((await store.promoteDue({ limit: 10 })).map((t) => [t.id, t.runAt])).toEqual([[task.taskId, runAt]]);
      await expectProjectionIsFold(store, task.taskId);
    });

    it('retries with backoff, then fails keeping every attempt error', async () => {
      const task = newTask({ runAt: due(), maxAttempts: 2, backoff: { baseMs: 1_000, factor: 2, maxMs: 60_000, jitter: 0 } });
      await store.submit({ tasks: [task] });
      const [first] = await store.claim({ agentId: 'a1', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      const retried = await store.fail({ taskId: task.taskId, token: first!.token, error: { name: 'Error', message: 'boom 1' }, retryable: true, random: 0.5 });
      expect(retried).toMatchObject({ ok: true, value: { state: 'scheduled', runAt: clock.now() + 1_000 } });
      expect(await store.nextDueAt()).toBe(clock.now() + 1_000);
      clock.advance(1_000);
      expect((await store.promoteDue({ limit: 10 })).map((t) => t.id)).toEqual([task.taskId]);
      const [second] = await store.claim({ agentId: 'a1', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      expect(second).toMatchObject({ attempt: 2, token: 2 });
      const failed = await store.fail({ taskId: task.taskId, token: 2, error: { name: 'Error', message: 'boom 2', stack: 'at x' }, retryable: true, random: 0 });
      expect(failed).toMatchObject({ ok: true, value: { state: 'failed', endReason: 'attempts-exhausted' } });
      const view = await store.get({ taskId: task.taskId });
      expect(view?.errors.map((e) => [e.attempt, e.message])).toEqual([[1, 'boom 1'], [2, 'boom 2']]);
      expect(view?.errors[1]?.stack).toBe('at x');
      await expectProjectionIsFold(store, task.taskId);
    });

    it('fails at once on a non-retryable error', async () => {
      const task = newTask({ runAt: due() });
      await store.submit({ tasks: [task] });
      await store.claim({ agentId: 'a1', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      const out = await store.fail({ taskId: task.taskId, token: 1, error: { name: 'Bad', message: 'no' }, retryable: false, random: 0 });
      expect(out).toMatchObject({ ok: true, value: { state: 'failed', endReason: 'not-retryable', attempt: 1 } });
    });

    it('keeps a delayed task scheduled until it is due, and says when the next one is', async () => {
      const later = newTask({ runAt: due() + 5_000 });
      const sooner = newTask({ runAt: due() + 2_000 });
      await store.submit({ tasks: [later, sooner] });
      expect((await store.get({ taskId: later.taskId }))?.state).toBe('scheduled');
      expect(await store.nextDueAt()).toBe(due() + 2_000);
      expect(await store.claim({ agentId: 'a', types: ['email.send'], limit: 5, leaseMs: 1 })).toEqual([]);
      clock.advance(1_999);
      expect(await store.promoteDue({ limit: 10 })).toEqual([]);
      clock.advance(1);
      expect((await store.promoteDue({ limit: 10 })).map((t) => t.id)).toEqual([sooner.taskId]);
      expect(await store.nextDueAt()).toBe(due() + 3_000);
      clock.advance(3_000);
      await store.promoteDue({ limit: 10 });
      expect(await store.nextDueAt()).toBeNull();
      await expectProjectionIsFold(store, later.taskId);
    });

    it('cancels a waiting task at once and a running one by request', async () => {
      const waiting = newTask({ runAt: due() + 60_000 });
      const running = newTask({ runAt: due() });
      await store.submit({ tasks: [waiting, running] });
      expect(await store.cancel({ taskId: waiting.taskId, reason: 'user' })).toMatchObject({ ok: true, value: { state: 'cancelled' } });
      await store.claim({ agentId: 'a1', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      expect(await store.cancel({ taskId: running.taskId, reason: 'user' })).toMatchObject({ ok: true, value: { state: 'running', cancelRequested: true } });
      expect(await store.confirmCancel({ taskId: running.taskId, token: 1 })).toMatchObject({ ok: true, value: { state: 'cancelled' } });
      expect(await store.cancel({ taskId: running.taskId, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'TASK_FINISHED' } });
      expect(await store.cancel({ taskId: 'nope', reason: 'x' })).toMatchObject({ ok: false, error: { code: 'TASK_NOT_FOUND' } });
    });

    it('retries a failed task by request: more attempts, the old errors kept, a fresh token on the next claim', async () => {
      const task = newTask({ runAt: due(), maxAttempts: 1 });
      await store.submit({ tasks: [task] });
      await store.claim({ agentId: 'a1', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      await store.fail({ taskId: task.taskId, token: 1, error: { name: 'E', message: 'first' }, retryable: true, random: 0 });
      expect(await store.retry({ taskId: task.taskId, attempts: 1, reason: 'fixed' })).toMatchObject({ ok: true, value: { state: 'queued', maxAttempts: 2, attempt: 1 } });
      const [again] = await store.claim({ agentId: 'a2', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      expect(again).toMatchObject({ attempt: 2, token: 2, errors: [{ message: 'first' }] });
      expect(await store.retry({ taskId: task.taskId, attempts: 1, reason: 'again' })).toMatchObject({ ok: false, error: { code: 'TASK_NOT_ENDED_IN_FAILURE' } });
      await expectProjectionIsFold(store, task.taskId);
    });

    it('gives a released task back without spending an attempt', async () => {
      const task = newTask({ runAt: due(), maxAttempts: 1 });
      await store.submit({ tasks: [task] });
      await store.claim({ agentId: 'a1', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      expect(await store.release({ taskId: task.taskId, token: 1, reason: 'stopping' })).toMatchObject({ ok: true, value: { state: 'queued', attempt: 0 } });
      const [again] = await store.claim({ agentId: 'a2', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      expect(again).toMatchObject({ attempt: 1, token: 2 });
    });

    it('lists with filters and cursor pagination, newest first', async () => {
      const tasks = Array.from({ length: 7 }, (_, i) => newTask({ runAt: due(), taskType: i % 2 ? 'sms.send' : 'email.send' }));
      await store.submit({ tasks });
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page = await store.list({ filter: { types: ['email.send'] }, limit: 2, cursor });
        seen.push(...page.items.map((t) => t.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(tasks.filter((_, i) => i % 2 === 0).map((t) => t.taskId).reverse());
      const queued = await store.list({ filter: { states: ['running'] }, limit: 10, cursor: null });
      expect(queued.items).toEqual([]);
      await expect(store.list({ filter: {}, limit: 1, cursor: "' OR 1=1 --" })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('lists by holder, submission time and idempotency-key prefix, newest or oldest first, every value bound', async () => {
      const t0 = due();
      const a = newTask({ runAt: t0, idempotencyKey: 'order-1' });
      await store.submit({ tasks: [a] });
      clock.advance(1_000);
      const b = newTask({ runAt: clock.now(), idempotencyKey: 'order-2' });
      const c = newTask({ runAt: clock.now(), idempotencyKey: "ORDER-3' OR 1=1" });
      await store.submit({ tasks: [b, c] });
      await store.claim({ agentId: 'agent-x', types: ['email.send'], limit: 1, leaseMs: 60_000 });
      const ids = async (filter: Parameters<TaskStore['list']>[0]['filter'], order?: 'newest' | 'oldest') =>
        (await store.list({ filter, limit: 10, cursor: null, ...(order ? { order } : {}) })).items.map((t) => t.id);
      expect(await ids({ agentId: 'agent-x' })).toEqual([a.taskId]);
      expect(await ids({ submittedAfter: t0 + 1 })).toEqual([c.taskId, b.taskId]);
      expect(await ids({ submittedBefore: t0 + 1 })).toEqual([a.taskId]);
      expect(await ids({ idempotencyKeyPrefix: 'order-' }, 'oldest')).toEqual([a.taskId, b.taskId]);
      expect(await ids({ idempotencyKeyPrefix: "ORDER-3' OR 1=1" })).toEqual([c.taskId]);
      expect(await ids({ idempotencyKeyPrefix: "' OR 1=1 --" })).toEqual([]);
      const first = await store.list({ filter: {}, limit: 2, cursor: null, order: 'oldest' });
      expect(first.items.map((t) => t.id)).toEqual([a.taskId, b.taskId]);
      const rest = await store.list({ filter: {}, limit: 2, cursor: first.nextCursor, order: 'oldest' });
      expect(rest.items.map((t) => t.id)).toEqual([c.taskId]);
      // A cursor made for one order is refused in the other, not misread.
      await expect(store.list({ filter: {}, limit: 2, cursor: first.nextCursor, order: 'newest' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('pages through queued, running and ended tasks as one list in submission order, either way', async () => {
      const tasks = Array.from({ length: 7 }, () => newTask({ runAt: due() }));
      await store.submit({ tasks });
      // Claims take the oldest: the first three run, then the first ends; the rest stay queued.
      const claimed = await store.claim({ agentId: 'a', types: ['email.send'], limit: 3, leaseMs: 60_000 });
      expect(claimed.map((t) => t.id)).toEqual(tasks.slice(0, 3).map((t) => t.taskId));
      await store.succeed({ taskId: claimed[0]!.id, token: claimed[0]!.token, result: null });
      const pages = async (filter: Parameters<TaskStore['list']>[0]['filter'], order: 'newest' | 'oldest') => {
        const seen: string[] = [];
        let cursor: string | null = null;
        do {
          const page = await store.list({ filter, limit: 2, cursor, order });
          seen.push(...page.items.map((t) => t.id));
          cursor = page.nextCursor;
        } while (cursor);
        return seen;
      };
      const ids = tasks.map((t) => t.taskId);
      expect(await pages({}, 'oldest')).toEqual(ids);
      expect(await pages({}, 'newest')).toEqual([...ids].reverse());
      expect(await pages({ states: ['running', 'succeeded'] }, 'oldest')).toEqual(ids.slice(0, 3));
      expect(await pages({ states: ['running'] }, 'newest')).toEqual([ids[2], ids[1]]);
      expect(await pages({ states: ['queued', 'succeeded'] }, 'oldest')).toEqual([ids[0], ...ids.slice(3)]);
    });

    it('numbers the global log in order with contiguous stream versions', async () => {
      await store.submit({ tasks: [newTask({ runAt: due() }), newTask({ runAt: due() })] });
      await store.claim({ agentId: 'a', types: ['email.send'], limit: 2, leaseMs: 1_000 });
      const all = await store.readAll({ afterSeq: 0, limit: 100 });
      expect(all.map((e) => e.seq)).toEqual([...all.map((e) => e.seq)].sort((x, y) => x - y));
      expect(new Set(all.map((e) => e.seq)).size).toBe(all.length);
      const tail = await store.readAll({ afterSeq: all[1]!.seq, limit: 100 });
      expect(tail).toEqual(all.slice(2));
    });

    it('feeds every committed event once, each stream in version order, resuming from a cursor', async () => {
      const tasks = [newTask({ runAt: due() }), newTask({ runAt: due() }), newTask({ runAt: due() })];
      await store.submit({ tasks });
      const first = await store.readFeed({ cursor: null, limit: 2 });
      expect(first.events).toHaveLength(2);
      await store.claim({ agentId: 'a', types: ['email.send'], limit: 3, leaseMs: 1_000 });
      const seen = [...first.events];
      let cursor = first.cursor;
      for (;;) {
        const page = await store.readFeed({ cursor, limit: 2 });
        if (page.events.length === 0) {
          expect(page.cursor).toBe(cursor);
          break;
        }
        seen.push(...page.events);
        cursor = page.cursor;
      }
      const all = await store.readAll({ afterSeq: 0, limit: 100 });
      expect([...seen].sort((a, b) => a.seq - b.seq).map(({ cursor: _cursor, ...event }) => event)).toEqual(all);
      // Each event's own cursor resumes right after it.
      const resumed = await store.readFeed({ cursor: seen[1]!.cursor, limit: 100 });
      expect(resumed.events.map((e) => e.seq)).toEqual(seen.slice(2).map((e) => e.seq));
      for (const task of tasks) {
        expect(seen.filter((e) => e.streamId === task.taskId).map((e) => e.version)).toEqual([1, 2]);
      }
      await expect(store.readFeed({ cursor: "1; DROP TABLE events", limit: 1 })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    });

    it('gives a tail cursor that skips what is committed and misses nothing that commits later', async () => {
      const before = [newTask({ runAt: due() }), newTask({ runAt: due() })];
      await store.submit({ tasks: before });
      const tail = await store.feedTail();
      expect((await store.readFeed({ cursor: tail, limit: 100 })).events).toEqual([]);
      const after = newTask({ runAt: due() });
      await store.submit({ tasks: [after] });
      const page = await store.readFeed({ cursor: tail, limit: 100 });
      expect(page.events.map((e) => [e.streamId, e.type])).toEqual([[after.taskId, 'TaskSubmitted']]);
    });

    it('answers a ping while it can commit', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    // Only drivers that keep data (files, servers) get this case; :memory: has nothing to reopen.
    it.runIf(params.persistent)('keeps everything across a reopen', async () => {
      if (!harness.reopen) throw new Error(`${params.driver} says it persists but gives no reopen()`);
      const task = newTask({ runAt: due() });
      await store.submit({ tasks: [task] });
      store = await harness.reopen();
      expect(await store.get({ taskId: task.taskId })).toMatchObject({ id: task.taskId, state: 'queued' });
      expect(await store.readStream({ streamId: task.taskId })).toHaveLength(1);
    });
  });
}

export { describeStoreContract, newTask, expectProjectionIsFold };
export type { StoreHarness, OpenStore };
