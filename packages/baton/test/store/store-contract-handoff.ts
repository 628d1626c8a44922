import { expect, it } from 'vitest';
import { expectProjectionIsFold, newTask, type ContractEnv } from './store-contract-support.js';

/**
 * The handoff cases of the store contract: a task submitted for an idle agent
 * is claimed by it in the submission's own write, unless something would have
 * kept a claim from taking it at once.
 */
function handoffContractCases(env: () => ContractEnv): void {
  const handoffTo = (agentId: string, ...taskIds: string[]) => ({ agents: new Map(taskIds.map((id) => [id, agentId])), leaseMs: 30_000 });

  it('hands a ready task to the agent reserved for it: TaskSubmitted then TaskClaimed, in one write', async () => {
    const { store, clock } = env();
    const now = clock.now();
    const task = newTask({ runAt: now, startsAfterMs: 0 });
    const other = newTask({ runAt: now, startsAfterMs: 0, taskType: 'sms.send' });
    const outcomes = await store.submit({ tasks: [task, other], handoff: handoffTo('ag-idle', task.taskId) });
    expect(outcomes[0]?.task).toMatchObject({ state: 'running', agentId: 'ag-idle', token: 1, attempt: 1, leaseExpiresAt: now + 30_000, version: 2 });
    expect(outcomes[1]?.task).toMatchObject({ state: 'queued', agentId: null });
    expect((await store.readStream({ streamId: task.taskId })).map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskClaimed']);
    await expectProjectionIsFold(store, task.taskId);
    // It is held like any claimed task: not claimable again, and its lease is the agent's to extend.
    expect(await store.claim({ agentId: 'ag-2', types: ['email.send'], limit: 5, leaseMs: 30_000 })).toEqual([]);
    const [renewal] = await store.extendLeases({ agentId: 'ag-idle', leases: [{ taskId: task.taskId, token: 1 }], leaseMs: 30_000 });
    expect(renewal).toMatchObject({ taskId: task.taskId, held: true });
    expect((await store.succeed({ taskId: task.taskId, token: 1, result: 'done' })).ok).toBe(true);
  });

  it('does not hand over a task that a claim would not take at once', async () => {
    const { store, clock } = env();
    const now = clock.now();
    // Tasks of the type already queued come first.
    const [older] = await store.submit({ tasks: [newTask({ runAt: now })] });
    const behind = newTask({ runAt: now, startsAfterMs: 0 });
    // Due later.
    const later = newTask({ runAt: now + 5_000, startsAfterMs: 5_000, taskType: 'sms.send' });
    const outcomes = await store.submit({ tasks: [behind, later], handoff: handoffTo('ag-idle', behind.taskId, later.taskId) });
    expect(outcomes.map((o) => o.task.state)).toEqual(['queued', 'scheduled']);
    expect(older?.task.state).toBe('queued');

    // A paused type.
    await store.pauseType({ taskType: 'push.send', reason: 'test' });
    const paused = newTask({ runAt: now, startsAfterMs: 0, taskType: 'push.send' });
    expect((await store.submit({ tasks: [paused], handoff: handoffTo('ag-idle', paused.taskId) }))[0]?.task.state).toBe('queued');

    // A type under limits, which only the limited claim may count.
    await store.setLimits({ scope: 'type:fax.send', concurrency: 5, rate: null });
    const limited = newTask({ runAt: now, startsAfterMs: 0, taskType: 'fax.send' });
    expect((await store.submit({ tasks: [limited], handoff: handoffTo('ag-idle', limited.taskId) }))[0]?.task.state).toBe('queued');

    // A repeated idempotency key: the task that exists is returned as it is.
    const [first] = await store.submit({ tasks: [newTask({ runAt: now, taskType: 'mail.send', idempotencyKey: 'k-1' })] });
    const again = newTask({ runAt: now, startsAfterMs: 0, taskType: 'mail.send', idempotencyKey: 'k-1' });
    const [repeat] = await store.submit({ tasks: [again], handoff: handoffTo('ag-idle', again.taskId) });
    expect(repeat).toMatchObject({ created: false, task: { id: first?.task.id, state: 'queued' } });
    for (const o of [...outcomes, repeat]) await expectProjectionIsFold(store, o?.task.id as string);
  });

  it('hands due tasks to an idle agent in the promotion: TaskReady then TaskClaimed, up to its limit, only of its types', async () => {
    const { store, clock } = env();
    const now = clock.now();
    const delayed = [1, 2, 3].map((i) => newTask({ runAt: now + 1_000 + i, startsAfterMs: 1_000 + i }));
    const sms = newTask({ runAt: now + 1_000, startsAfterMs: 1_000, taskType: 'sms.send' });
    const serial = newTask({ runAt: now + 1_000, startsAfterMs: 1_000, taskType: 'sms.send', serialKey: 'k' });
    await store.submit({ tasks: [...delayed, sms, serial] });
    clock.advance(2_000);
    const handoff = { agentId: 'ag-idle', types: ['email.send', 'sms.send'], limit: 3, leaseMs: 30_000 };
    const promoted = await store.promoteDue({ limit: 10, handoff });
    const states = Object.fromEntries(promoted.map((t) => [t.id, t.state]));
    // In due order, up to the limit of 3: the sms, then the emails. A serial key's task is left to the claim, which
    // knows its key's head; the last email finds the limit reached.
    expect(states).toEqual({
      [sms.taskId]: 'running',
      [serial.taskId]: 'queued',
      [delayed[0]!.taskId]: 'running',
      [delayed[1]!.taskId]: 'running',
      [delayed[2]!.taskId]: 'queued',
    });
    const handed = promoted.filter((t) => t.state === 'running');
    expect(handed.every((t) => t.agentId === 'ag-idle' && t.token === 1 && t.attempt === 1 && t.leaseExpiresAt === now + 2_000 + 30_000)).toBe(true);
    for (const task of promoted) {
      const types = (await store.readStream({ streamId: task.id })).map((e) => e.type);
      expect(types).toEqual(task.state === 'running' ? ['TaskSubmitted', 'TaskReady', 'TaskClaimed'] : ['TaskSubmitted', 'TaskReady']);
      await expectProjectionIsFold(store, task.id);
    }
    expect(await store.promoteDue({ limit: 10, handoff })).toEqual([]);

    // Now an email waits in the queue: the next due email is queued behind it, not handed over.
    const next = newTask({ runAt: clock.now() + 1_000, startsAfterMs: 1_000 });
    await store.submit({ tasks: [next] });
    clock.advance(1_000);
    expect((await store.promoteDue({ limit: 10, handoff })).map((t) => [t.id, t.state])).toEqual([[next.taskId, 'queued']]);
  });
}

export { handoffContractCases };
