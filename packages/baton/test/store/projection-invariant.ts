import fc from 'fast-check';
import { expect } from 'vitest';
import {
  advanceJob,
  agentStreamId,
  foldAgent,
  foldJob,
  foldLimits,
  foldTask,
  foldTypeControl,
  jobStreamId,
  limitsStreamId,
  typeStreamId,
  type AgentEvent,
  type LimitsEvent,
  type TypeControlEvent,
  type Decision,
  type NewTask,
  type StoredEvent,
  type StoredJobEvent,
  type StoredTaskEvent,
  type TaskStore,
  type TaskView,
} from '@baton/core';
import type { FakeClock } from '@baton/core/testing';
import { newTask } from './store-contract.js';

const TYPES = ['a.run', 'b.run'] as const;
const AGENTS = ['ag-a', 'ag-b'] as const;

const opArb = fc.oneof(
  fc.record({
    kind: fc.constant('submit' as const),
    count: fc.integer({ min: 1, max: 3 }),
    delayMs: fc.constantFrom(0, 0, 1_000, 5_000),
    maxAttempts: fc.integer({ min: 1, max: 3 }),
    priority: fc.integer({ min: -1, max: 1 }),
    type: fc.constantFrom(...TYPES),
    idempotencyKey: fc.constantFrom(null, null, 'k1', 'k2'),
    // Relative to the store's now (as the engine submits), or an absolute time: PostgreSQL writes the first in one statement.
    relative: fc.boolean(),
    handoff: fc.constantFrom(null, null, ...AGENTS),
  }),
  fc.record({ kind: fc.constant('claim' as const), limit: fc.integer({ min: 1, max: 4 }), types: fc.subarray([...TYPES], { minLength: 1 }), agent: fc.constantFrom(...AGENTS) }),
  fc.record({ kind: fc.constant('register' as const), agent: fc.constantFrom(...AGENTS), types: fc.subarray([...TYPES]), concurrency: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('stopAgent' as const), agent: fc.constantFrom(...AGENTS) }),
  fc.record({ kind: fc.constant('expireAgents' as const) }),
  fc.record({ kind: fc.constant('pause' as const), type: fc.constantFrom(...TYPES) }),
  fc.record({ kind: fc.constant('resume' as const), type: fc.constantFrom(...TYPES) }),
  fc.record({ kind: fc.constant('succeed' as const), pick: fc.nat(), stale: fc.boolean() }),
  fc.record({ kind: fc.constant('fail' as const), pick: fc.nat(), stale: fc.boolean(), retryable: fc.boolean(), random: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }) }),
  fc.record({ kind: fc.constant('release' as const), pick: fc.nat(), stale: fc.boolean() }),
  fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('progress' as const), pick: fc.nat(), stale: fc.boolean(), value: fc.jsonValue({ maxDepth: 2 }) }),
  fc.record({ kind: fc.constant('retry' as const), pick: fc.nat(), attempts: fc.integer({ min: 1, max: 2 }) }),
  fc.record({ kind: fc.constant('confirmCancel' as const), pick: fc.nat(), stale: fc.boolean() }),
  fc.record({ kind: fc.constant('extend' as const), pick: fc.nat(), stale: fc.boolean(), agent: fc.constantFrom(...AGENTS) }),
  fc.record({ kind: fc.constant('expire' as const), limit: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 12_000 }) }),
  fc.record({ kind: fc.constant('promote' as const), limit: fc.integer({ min: 1, max: 5 }) }),
  fc.record({
    kind: fc.constant('submitJob' as const),
    // Each task may depend on any earlier one: always a DAG. One of them may be a broadcast step.
    deps: fc.array(fc.array(fc.nat({ max: 3 }), { maxLength: 2 }), { minLength: 1, maxLength: 4 }),
    broadcastAt: fc.constantFrom(-1, -1, 0, 1),
    policy: fc.constantFrom('fail-fast' as const, 'continue' as const),
    type: fc.constantFrom(...TYPES),
  }),
  fc.record({ kind: fc.constant('cancelJob' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('fanOut' as const) }),
  fc.record({ kind: fc.constant('abandon' as const), agent: fc.constantFrom(...AGENTS) }),
  fc.record({ kind: fc.constant('setLimits' as const), type: fc.constantFrom(...TYPES), concurrency: fc.constantFrom(null, 1, 2), rate: fc.constantFrom(null, { count: 2, intervalMs: 1_000 }) }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

async function countEvents(store: TaskStore): Promise<number> {
  return (await store.readAll({ afterSeq: 0, limit: 1_000_000 })).length;
}

/** Applies one random operation; returns the decision when the op was a single-task command. */
async function applyOp(params: { store: TaskStore; clock: FakeClock; op: Op; ids: string[]; jobIds: string[] }): Promise<Decision<TaskView> | null> {
  const { store, clock, op, ids, jobIds } = params;
  /** Every task of every job is a target for the task operations, copies included. */
  const learnJobTasks = async () => {
    for (const jobId of jobIds) for (const t of await store.jobTasks({ jobId })) if (!ids.includes(t.id)) ids.push(t.id);
  };
  const target = async (pick: number, stale: boolean) => {
    const id = ids[pick % ids.length];
    if (!id) return null;
    const view = await store.get({ taskId: id });
    return { id, token: (view?.token ?? 0) - (stale ? 1 : 0) };
  };
  switch (op.kind) {
    case 'submit': {
      const tasks = Array.from({ length: op.count }, () =>
        newTask({
          taskType: op.type,
          runAt: clock.now() + op.delayMs,
          startsAfterMs: op.relative ? op.delayMs : null,
          maxAttempts: op.maxAttempts,
          priority: op.priority,
          idempotencyKey: op.idempotencyKey,
        }),
      );
      // An idle agent of one of ours may be handed what the store finds it can take at once.
      const handoff = op.handoff ? { agents: new Map(tasks.map((t) => [t.taskId, op.handoff as string])), leaseMs: 30_000 } : undefined;
      const outcomes = await store.submit({ tasks, ...(handoff ? { handoff } : {}) });
      for (const o of outcomes) if (o.created) ids.push(o.task.id);
      return null;
    }
    case 'claim': {
      const paused = new Set((await store.listTypeControls()).filter((t) => t.paused).map((t) => t.type));
      const claimed = await store.claim({ agentId: op.agent, types: op.types, limit: op.limit, leaseMs: 10_000 });
      expect(claimed.filter((t) => paused.has(t.type))).toEqual([]);
      return null;
    }
    case 'pause':
      await store.pauseType({ taskType: op.type, reason: 'test' });
      return null;
    case 'resume':
      await store.resumeType({ taskType: op.type });
      return null;
    case 'register':
      await store.registerAgent({ agent: { agentId: op.agent, host: 'h', labels: { service: null, tags: [] }, types: op.types, concurrency: op.concurrency }, leaseMs: 10_000 });
      return null;
    case 'stopAgent':
      await store.stopAgent({ agentId: op.agent, reason: 'test' });
      return null;
    case 'expireAgents':
      await store.expireAgents({ limit: 5 });
      return null;
    case 'advance':
      clock.advance(op.ms);
      return null;
    case 'promote':
      await store.promoteDue({ limit: op.limit });
      return null;
    case 'expire':
      await store.expireLeases({ limit: op.limit, random: () => 0.5 });
      return null;
    case 'extend': {
      const t = await target(op.pick, op.stale);
      await store.extendLeases({ agentId: op.agent, leases: t ? [{ taskId: t.id, token: t.token }] : [], leaseMs: 10_000 });
      return null;
    }
    case 'cancel': {
      const t = await target(op.pick, false);
      return t ? store.cancel({ taskId: t.id, reason: 'test' }) : null;
    }
    case 'progress': {
      const t = await target(op.pick, op.stale);
      return t ? store.progress({ taskId: t.id, token: t.token, progress: op.value }) : null;
    }
    case 'retry': {
      const t = await target(op.pick, false);
      return t ? store.retry({ taskId: t.id, attempts: op.attempts, reason: 'test' }) : null;
    }
    case 'succeed': {
      const t = await target(op.pick, op.stale);
      return t ? store.succeed({ taskId: t.id, token: t.token, result: { ok: t.id } }) : null;
    }
    case 'fail': {
      const t = await target(op.pick, op.stale);
      return t ? store.fail({ taskId: t.id, token: t.token, error: { name: 'Error', message: 'boom' }, retryable: op.retryable, random: op.random }) : null;
    }
    case 'release': {
      const t = await target(op.pick, op.stale);
      return t ? store.release({ taskId: t.id, token: t.token, reason: 'test' }) : null;
    }
    case 'confirmCancel': {
      const t = await target(op.pick, op.stale);
      return t ? store.confirmCancel({ taskId: t.id, token: t.token }) : null;
    }
    case 'submitJob': {
      const jobId = `job-${Math.random().toString(36).slice(2, 10)}`;
      const keys = op.deps.map((_, i) => `s${i}`);
      const tasks: NewTask[] = [];
      const refs = op.deps.map((deps, i) => {
        const dependsOn = [...new Set(deps.filter((d) => d < i))].map((d) => keys[d] as string);
        const base = newTask({ taskType: op.type, runAt: clock.now(), maxAttempts: 2 });
        tasks.push({ ...base, job: { jobId, key: keys[i] as string, dependsOn: [] }, broadcast: i === op.broadcastAt ? { onAgentLost: 'skip' } : null });
        return { key: keys[i] as string, taskId: base.taskId, dependsOn };
      });
      for (const [i, ref] of refs.entries()) (tasks[i] as NewTask).job = { jobId, key: ref.key, dependsOn: ref.dependsOn.map((k) => refs.find((r) => r.key === k)?.taskId ?? '') };
      await store.submitJob({ job: { jobId, name: 'j', failurePolicy: op.policy, tasks: refs, workflow: null }, tasks });
      jobIds.push(jobId);
      await learnJobTasks();
      return null;
    }
    case 'cancelJob': {
      const jobId = jobIds[op.pick % Math.max(1, jobIds.length)];
      if (jobId) await store.cancelJob({ jobId, reason: 'test' });
      return null;
    }
    case 'fanOut':
      await store.fanOutBroadcasts({ limit: 5, newId: () => `copy-${Math.random().toString(36).slice(2, 10)}` });
      await learnJobTasks();
      return null;
    case 'abandon':
      await store.abandonPinned({ agentId: op.agent });
      return null;
    case 'setLimits':
      await store.setLimits({ scope: `type:${op.type}`, concurrency: op.concurrency, rate: op.rate });
      return null;
  }
}

/**
 * The invariant: after every step, every projection row equals the fold of its
 * stream through `evolve`, and a refused command wrote no event.
 */
async function checkProjectionInvariant(params: {
  open: (clock: FakeClock) => Promise<{ store: TaskStore; clock: FakeClock; cleanup: () => Promise<void> }>;
  newClock: () => FakeClock;
  numRuns: number;
}): Promise<void> {
  await fc.assert(
    fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30 }), async (ops) => {
      const { store, clock, cleanup } = await params.open(params.newClock());
      try {
        const ids: string[] = [];
        const jobIds: string[] = [];
        for (const op of ops) {
          const before = await countEvents(store);
          const decision = await applyOp({ store, clock, op, ids, jobIds });
          if (decision && !decision.ok) expect(await countEvents(store)).toBe(before);
          for (const id of ids) {
            const events = (await store.readStream({ streamId: id })) as StoredTaskEvent[];
            expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
            expect(await store.get({ taskId: id })).toEqual(foldTask(events));
          }
          const controls = await store.listTypeControls();
          for (const type of TYPES) {
            const events = (await store.readStream({ streamId: typeStreamId(type) })) as (TypeControlEvent & StoredEvent)[];
            expect(controls.find((c) => c.type === type) ?? null).toEqual(foldTypeControl(events));
          }
          for (const jobId of jobIds) {
            const events = (await store.readStream({ streamId: jobStreamId(jobId) })) as StoredJobEvent[];
            expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
            const job = await store.getJob({ jobId });
            expect(job).toEqual(foldJob(events));
            // The cascade ran to its end inside the write that set it off: nothing is left to unblock, cancel or end.
            const tasks = new Map((await store.jobTasks({ jobId })).map((t) => [t.id, t]));
            expect(job && advanceJob({ job, tasks, now: clock.now() })).toEqual({ commands: [], events: [] });
          }
          const limits = await store.listLimits();
          for (const type of TYPES) {
            const events = (await store.readStream({ streamId: limitsStreamId(`type:${type}`) })) as (LimitsEvent & StoredEvent)[];
            expect(limits.find((l) => l.scope === `type:${type}`) ?? null).toEqual(foldLimits(events));
          }
          for (const agentId of AGENTS) {
            const events = (await store.readStream({ streamId: agentStreamId(agentId) })) as (AgentEvent & StoredEvent)[];
            expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
            const info = await store.getAgent({ agentId });
            const view = info && (({ lastSeenAt: _s, aliveUntil: _u, taskIds: _t, ...rest }) => rest)(info);
            expect(view).toEqual(foldAgent(events));
          }
        }
      } finally {
        await cleanup();
      }
    }),
    { numRuns: params.numRuns },
  );
}

export { checkProjectionInvariant };
