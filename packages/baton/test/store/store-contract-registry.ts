import { expect, it } from 'vitest';
import { foldAgent, foldToken, foldTypeControl, type AgentEvent, type StoredEvent } from '@baton/core';
import { expectProjectionIsFold, newTask, type ContractEnv } from './store-contract-support.js';

/** The registry cases of the store contract: agents, paused types and API tokens, each held to the fold of its stream. */
function registryContractCases(env: () => ContractEnv): void {
    it('registers agents, keeps them live by heartbeat, marks them lost when the beats stop, and records a goodbye', async () => {
      const { store, clock } = env();
      const due = () => clock.now();
      const labels = { service: 'db', tags: ['eu', 'primary'] };
      const agent = { agentId: 'ag-1', host: 'h1', labels, types: ['email.send'], concurrency: 4 };
      expect(await store.registerAgent({ agent, leaseMs: 1_000 })).toMatchObject({ id: 'ag-1', state: 'live', labels, types: ['email.send'], concurrency: 4, version: 1 });
      // Registering again unchanged (a reconnect) writes nothing.
      await store.registerAgent({ agent, leaseMs: 1_000 });
      expect((await store.readStream({ streamId: 'agent:ag-1' })).map((e) => e.type)).toEqual(['AgentRegistered']);
      const task = newTask({ runAt: due() });
      await store.submit({ tasks: [task] });
      await store.claim({ agentId: 'ag-1', types: ['email.send'], limit: 1, leaseMs: 1_000 });
      expect(await store.getAgent({ agentId: 'ag-1' })).toMatchObject({ state: 'live', lastSeenAt: due(), aliveUntil: due() + 1_000, taskIds: [task.taskId] });

      clock.advance(900);
      await store.extendLeases({ agentId: 'ag-1', leases: [], leaseMs: 1_000 });
      clock.advance(900);
      expect(await store.expireAgents({ limit: 10 })).toEqual([]);
      clock.advance(100);
      expect(await store.expireAgents({ limit: 10 })).toMatchObject([{ id: 'ag-1', state: 'lost' }]);
      expect((await store.listAgents({ states: ['lost'] })).map((a) => a.id)).toEqual(['ag-1']);
      // It beats again: back to live, with the history showing both.
      await store.extendLeases({ agentId: 'ag-1', leases: [], leaseMs: 1_000 });
      expect(await store.getAgent({ agentId: 'ag-1' })).toMatchObject({ state: 'live' });
      expect(await store.stopAgent({ agentId: 'ag-1', reason: 'shutdown' })).toMatchObject({ state: 'stopped', endReason: 'shutdown' });
      expect((await store.readStream({ streamId: 'agent:ag-1' })).map((e) => e.type)).toEqual(['AgentRegistered', 'AgentLost', 'AgentRegistered', 'AgentStopped']);
      expect(await store.listAgents({ states: ['live'] })).toEqual([]);
      expect(await store.stopAgent({ agentId: 'nobody', reason: 'x' })).toBeNull();
      expect(await store.getAgent({ agentId: 'nobody' })).toBeNull();
      const events = (await store.readStream({ streamId: 'agent:ag-1' })) as (AgentEvent & StoredEvent)[];
      const { lastSeenAt: _seen, aliveUntil: _until, taskIds: _ids, ...view } = (await store.getAgent({ agentId: 'ag-1' }))!;
      expect(view).toEqual(foldAgent(events));
    });

    it('pauses a task type for every claimer until it is resumed, recording both', async () => {
      const { store, clock } = env();
      const due = () => clock.now();
      const email = newTask({ runAt: due() });
      const sms = newTask({ runAt: due(), taskType: 'sms.send' });
      await store.submit({ tasks: [email, sms] });
      expect(await store.pauseType({ taskType: 'email.send', reason: 'provider down' })).toMatchObject({ type: 'email.send', paused: true, reason: 'provider down' });
      await store.pauseType({ taskType: 'email.send', reason: 'again' });
      const claimed = await store.claim({ agentId: 'a1', types: ['email.send', 'sms.send'], limit: 10, leaseMs: 1_000 });
      expect(claimed.map((t) => t.id)).toEqual([sms.taskId]);
      expect(await store.listTypeControls()).toMatchObject([{ type: 'email.send', paused: true }]);
      expect(await store.resumeType({ taskType: 'email.send' })).toMatchObject({ paused: false, reason: null });
      expect((await store.claim({ agentId: 'a1', types: ['email.send'], limit: 10, leaseMs: 1_000 })).map((t) => t.id)).toEqual([email.taskId]);
      const events = await store.readStream({ streamId: 'type:email.send' });
      expect(events.map((e) => e.type)).toEqual(['TypePaused', 'TypeResumed']);
      expect((await store.listTypeControls())[0]).toEqual(foldTypeControl(events as never));
      expect(await store.resumeType({ taskType: 'never.paused' })).toMatchObject({ paused: false, version: 0 });
    });

    it('reports the use of each limit: tasks running, and starts in the rate window with the oldest', async () => {
      const { store, clock } = env();
      expect(await store.limitUsage({ scopes: ['type:email.send'] })).toEqual([]);
      await store.setLimits({ scope: 'type:email.send', concurrency: 2, rate: { count: 5, intervalMs: 60_000 } });
      await store.setLimits({ scope: 'key:tenant-1', concurrency: 1, rate: null });
      await store.setLimits({ scope: 'type:sms.send', concurrency: null, rate: null });
      await store.submit({ tasks: [newTask({ runAt: clock.now() }), newTask({ runAt: clock.now(), limitKey: 'tenant-1' }), newTask({ runAt: clock.now() })] });
      const firstStart = clock.now();
      await store.claim({ agentId: 'a1', types: ['email.send'], limit: 1, leaseMs: 60_000 });
      clock.advance(1_000);
      await store.claim({ agentId: 'a1', types: ['email.send'], limit: 1, leaseMs: 60_000 });
      const usage = await store.limitUsage({ scopes: ['type:email.send', 'key:tenant-1', 'type:sms.send', 'key:nobody'] });
      expect(usage.sort((a, b) => a.scope.localeCompare(b.scope))).toEqual([
        { scope: 'key:tenant-1', concurrency: 1, running: 1, rate: null },
        { scope: 'type:email.send', concurrency: 2, running: 2, rate: { count: 5, intervalMs: 60_000, recentStarts: 2, oldestRecentStart: firstStart } },
      ]);
      // Past the window, the starts no longer count.
      clock.advance(60_000);
      expect((await store.limitUsage({ scopes: ['type:email.send'] }))[0]?.rate).toMatchObject({ recentStarts: 0, oldestRecentStart: null });
    });

    it('keeps a task\'s trace context through claim and report, its row the fold of its stream', async () => {
      const { store, clock } = env();
      const trace = { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', tracestate: 'vendor=1' };
      const traced = newTask({ runAt: clock.now(), trace });
      const plain = newTask({ runAt: clock.now() });
      await store.submit({ tasks: [traced, plain] });
      expect((await store.get({ taskId: traced.taskId }))?.trace).toEqual(trace);
      expect((await store.get({ taskId: plain.taskId }))?.trace).toBeNull();
      const claimed = await store.claim({ agentId: 'a1', types: ['email.send'], limit: 2, leaseMs: 60_000 });
      expect(claimed.find((t) => t.id === traced.taskId)?.trace).toEqual(trace);
      const mine = claimed.find((t) => t.id === traced.taskId)!;
      await store.succeed({ taskId: mine.id, token: mine.token, result: 1 });
      await expectProjectionIsFold(store, traced.taskId);
      expect((await store.readStream({ streamId: traced.taskId }))[0]?.data).toMatchObject({ trace });
    });

    it('counts tasks by state and type, and knows the head of the log', async () => {
      const { store, clock } = env();
      expect(await store.stats()).toEqual({ tasks: [], eventHead: 0 });
      await store.submit({ tasks: [newTask({ runAt: clock.now() }), newTask({ runAt: clock.now() }), newTask({ runAt: clock.now(), taskType: 'sms.send' }), newTask({ runAt: clock.now() + 60_000 })] });
      await store.claim({ agentId: 'a1', types: ['email.send'], limit: 1, leaseMs: 60_000 });
      const stats = await store.stats();
      expect(stats.tasks).toEqual([
        { state: 'queued', type: 'email.send', count: 1 },
        { state: 'queued', type: 'sms.send', count: 1 },
        { state: 'running', type: 'email.send', count: 1 },
        { state: 'scheduled', type: 'email.send', count: 1 },
      ]);
      const all = await store.readAll({ afterSeq: 0, limit: 100 });
      expect(all).toHaveLength(5);
      expect(stats.eventHead).toBe(all.at(-1)?.seq);
    });

    it('issues tokens as events holding only a hash, bootstraps the first exactly once, and revokes', async () => {
      const { store, clock } = env();
      const due = () => clock.now();
      const first = await store.issueToken({ tokenId: 'tok1', name: 'admin', scopes: ['admin'], hash: 'h1', onlyIfNone: true });
      expect(first).toMatchObject({ id: 'tok1', name: 'admin', scopes: ['admin'], hash: 'h1', revoked: false });
      // A second bootstrap finds a token and issues nothing.
      expect(await store.issueToken({ tokenId: 'tok2', name: 'admin', scopes: ['admin'], hash: 'h2', onlyIfNone: true })).toBeNull();
      expect(await store.issueToken({ tokenId: 'tok3', name: 'ci', scopes: ['submit', 'read'], hash: 'h3' })).toMatchObject({ scopes: ['submit', 'read'] });
      expect(await store.issueToken({ tokenId: 'tok3', name: 'again', scopes: ['read'], hash: 'h4' })).toBeNull();
      expect(await store.revokeToken({ tokenId: 'tok3', reason: 'leaked' })).toMatchObject({ revoked: true });
      expect(await store.revokeToken({ tokenId: 'nope', reason: 'x' })).toBeNull();
      expect((await store.listTokens()).map((t) => [t.id, t.revoked])).toEqual([['tok1', false], ['tok3', true]]);
      const events = await store.readStream({ streamId: 'token:tok3' });
      expect(events.map((e) => e.type)).toEqual(['TokenIssued', 'TokenRevoked']);
      expect(await store.getToken({ tokenId: 'tok3' })).toEqual(foldToken(events as never));
    });
}

export { registryContractCases };
