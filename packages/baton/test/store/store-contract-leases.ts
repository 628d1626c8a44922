import { expect, it } from 'vitest';
import { expectProjectionIsFold, newTask, type ContractEnv } from './store-contract-support.js';

/** The lease cases of the store contract: heartbeats extend, the sweep rescues, and neither overwrites a completion. */
function leaseContractCases(env: () => ContractEnv): void {
    it('extends the lease of a held task on a heartbeat and says which claims were lost', async () => {
      const { store, clock } = env();
      const due = () => clock.now();
      const held = newTask({ runAt: due() });
      const lost = newTask({ runAt: due() });
      await store.submit({ tasks: [held, lost] });
      await store.claim({ agentId: 'a1', types: ['email.send'], limit: 2, leaseMs: 1_000 });
      await store.release({ taskId: lost.taskId, token: 1, reason: 'moved' });
      clock.advance(600);
      const renewals = await store.extendLeases({ agentId: 'a1', leases: [{ taskId: held.taskId, token: 1 }, { taskId: lost.taskId, token: 1 }, { taskId: 'nope', token: 1 }], leaseMs: 1_000 });
      expect(renewals).toEqual([
        { taskId: held.taskId, held: true, leaseExpiresAt: due() + 1_000, cancelRequested: false },
        { taskId: lost.taskId, held: false, leaseExpiresAt: null, cancelRequested: false },
        { taskId: 'nope', held: false, leaseExpiresAt: null, cancelRequested: false },
      ]);
      expect((await store.readStream({ streamId: held.taskId })).map((e) => e.type)).toEqual(['TaskSubmitted', 'TaskClaimed', 'TaskLeaseExtended']);
      await expectProjectionIsFold(store, held.taskId);
      await store.cancel({ taskId: held.taskId, reason: 'user' });
      const [again] = await store.extendLeases({ agentId: 'a1', leases: [{ taskId: held.taskId, token: 1 }], leaseMs: 1_000 });
      expect(again).toMatchObject({ held: true, cancelRequested: true });
    });

    it('rescues a task whose lease ran out, never one still leased, and fences the old holder out', async () => {
      const { store, clock } = env();
      const due = () => clock.now();
      const task = newTask({ runAt: due(), maxAttempts: 2 });
      await store.submit({ tasks: [task] });
      await store.claim({ agentId: 'a1', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      clock.advance(999);
      expect(await store.expireLeases({ limit: 10, random: () => 0 })).toEqual([]);
      clock.advance(1);
      const [rescued] = await store.expireLeases({ limit: 10, random: () => 0 });
      expect(rescued).toMatchObject({ id: task.taskId, state: 'scheduled', attempt: 1, agentId: null, errors: [{ name: 'LeaseExpired', attempt: 1 }] });
      expect(await store.succeed({ taskId: task.taskId, token: 1, result: 'late' })).toMatchObject({ ok: false, error: { code: 'TASK_NOT_RUNNING' } });
      clock.advance(1_000);
      await store.promoteDue({ limit: 10 });
      const [second] = await store.claim({ agentId: 'a2', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      expect(second).toMatchObject({ token: 2, attempt: 2 });
      expect(await store.succeed({ taskId: task.taskId, token: 1, result: 'late' })).toMatchObject({ ok: false, error: { code: 'STALE_LEASE' } });
      clock.advance(1_000);
      const [last] = await store.expireLeases({ limit: 10, random: () => 0 });
      expect(last).toMatchObject({ state: 'failed', endReason: 'attempts-exhausted' });
      await expectProjectionIsFold(store, task.taskId);
    });

    it('never lets the rescue sweep overwrite a completion that arrives with it (many races)', async () => {
      const { store, clock } = env();
      const due = () => clock.now();
      let completed = 0;
      let rescued = 0;
      for (let i = 0; i < 40; i++) {
        const task = newTask({ runAt: due() });
        await store.submit({ tasks: [task] });
        const [claimed] = await store.claim({ agentId: 'a1', types: ['email.send'], limit: 1, leaseMs: 1_000 });
        clock.advance(1_000);
        // Both orders of arrival: on a driver that serializes calls, each side gets to go first.
        const succeed = () => store.succeed({ taskId: task.taskId, token: claimed!.token, result: i });
        const sweep = () => store.expireLeases({ limit: 10, random: () => 0 });
        let outcome: Awaited<ReturnType<typeof succeed>>;
        let swept: Awaited<ReturnType<typeof sweep>>;
        if (i % 2 === 0) [outcome, swept] = await Promise.all([succeed(), sweep()]);
        else [swept, outcome] = await Promise.all([sweep(), succeed()]);
        const types = (await store.readStream({ streamId: task.taskId })).map((e) => e.type);
        if (outcome.ok) {
          completed += 1;
          expect(types).toEqual(['TaskSubmitted', 'TaskClaimed', 'TaskSucceeded']);
          expect(swept.map((t) => t.id)).not.toContain(task.taskId);
        } else {
          rescued += 1;
          expect(outcome.error.code).toBe('TASK_NOT_RUNNING');
          expect(types).toEqual(['TaskSubmitted', 'TaskClaimed', 'TaskLeaseExpired']);
        }
        await expectProjectionIsFold(store, task.taskId);
        // Done with this one either way, so the next round claims a fresh task.
        await store.cancel({ taskId: task.taskId, reason: 'next round' });
      }
      expect(completed + rescued).toBe(40);
      console.info(`race ${env().driver}: completion won ${completed}, sweep won ${rescued}`);
    });
}

export { leaseContractCases };
