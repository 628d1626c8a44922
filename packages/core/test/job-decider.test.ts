import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKOFF,
  SKIPPED_REASON,
  advanceJob,
  decide,
  decideJob,
  evolve,
  evolveJob,
  movesJob,
  type JobView,
  type StoredJobEvent,
  type StoredTaskEvent,
  type TaskEvent,
  type TaskView,
} from '../src/index.js';

const T0 = 1_000_000;
const backoff = { ...DEFAULT_BACKOFF, jitter: 0 };

/** A task folded from these events, in a stream of its own id. */
function fold(id: string, events: TaskEvent[]): TaskView {
  let state: TaskView | null = null;
  events.forEach((event, i) => (state = evolve(state, { ...event, seq: i + 1, streamId: id, version: i + 1, time: T0 } as StoredTaskEvent)));
  return state as unknown as TaskView;
}

const submittedIn = (key: string, dependsOn: string[], extra: Record<string, unknown> = {}): TaskEvent => ({
  type: 'TaskSubmitted',
  data: { taskType: 't', payloadVersion: 1, payload: null, priority: 0, runAt: T0, maxAttempts: 1, backoff, timeoutMs: null, idempotencyKey: null, ready: dependsOn.length === 0, placement: { target: null, serialKey: null, limitKey: null, broadcast: null, parentId: null, job: { jobId: 'j', key, dependsOn }, ...extra }, trace: null },
});
const claimedBy = (agentId = 'a1'): TaskEvent => ({ type: 'TaskClaimed', data: { agentId, token: 1, attempt: 1, leaseExpiresAt: T0 + 1 } });
const ok: TaskEvent = { type: 'TaskSucceeded', data: { token: 1, result: 1 } };
const failed: TaskEvent[] = [
  { type: 'TaskAttemptFailed', data: { token: 1, attempt: 1, error: { name: 'E', message: 'x' }, retryAt: null, ready: false } },
  { type: 'TaskFailed', data: { reason: 'not-retryable' } },
];

function job(policy: 'fail-fast' | 'continue', refs: [string, string[]][], extra: Partial<JobView> = {}): JobView {
  const decision = decideJob(null, { kind: 'SubmitJob', jobId: 'j', name: 'n', failurePolicy: policy, tasks: refs.map(([key, deps]) => ({ key, taskId: key, dependsOn: deps })), workflow: null });
  if (!decision.ok) throw new Error('refused');
  const view = evolveJob(null, { ...decision.value[0], seq: 1, streamId: 'job:j', version: 1, time: T0 } as StoredJobEvent);
  return { ...view, ...extra };
}
const tasksOf = (...views: TaskView[]) => new Map(views.map((v) => [v.id, v]));

describe('job decider and cascade', () => {
  it('submits a job; a cancel is requested once; an ended job refuses it', () => {
    const view = job('fail-fast', [['a', []]]);
    expect(view).toMatchObject({ id: 'j', state: 'running', tasks: [{ key: 'a', taskId: 'a', dependsOn: [] }] });
    expect(decideJob(view, { kind: 'SubmitJob', jobId: 'j', name: 'n', failurePolicy: 'continue', tasks: [], workflow: null })).toMatchObject({ ok: false, error: { code: 'JOB_EXISTS' } });
    expect(decideJob(view, { kind: 'CancelJob', jobId: 'j', reason: 'r' })).toEqual({ ok: true, value: [{ type: 'JobCancelRequested', data: { reason: 'r' } }] });
    expect(decideJob({ ...view, cancelRequested: true }, { kind: 'CancelJob', jobId: 'j', reason: 'r' })).toEqual({ ok: true, value: [] });
    expect(decideJob({ ...view, state: 'succeeded' }, { kind: 'CancelJob', jobId: 'j', reason: 'r' })).toMatchObject({ ok: false, error: { code: 'JOB_FINISHED' } });
    expect(decideJob(null, { kind: 'CancelJob', jobId: 'x', reason: 'r' })).toMatchObject({ ok: false, error: { code: 'JOB_NOT_FOUND' } });
  });

  it('a task with dependencies starts blocked; Unblock makes it queued; only a blocked task can be unblocked', () => {
    const b = fold('b', [submittedIn('b', ['a'])]);
    expect(b.state).toBe('blocked');
    expect(decide(b, { kind: 'Unblock', taskId: 'b', now: T0 })).toEqual({ ok: true, value: [{ type: 'TaskUnblocked', data: { ready: true } }] });
    expect(decide(fold('a', [submittedIn('a', [])]), { kind: 'Unblock', taskId: 'a', now: T0 })).toMatchObject({ ok: false, error: { code: 'TASK_NOT_BLOCKED' } });
    expect(decide(fold('a', [submittedIn('a', []), claimedBy(), ...failed]), { kind: 'Retry', taskId: 'a', attempts: 1, reason: 'r' })).toMatchObject({ ok: false, error: { code: 'TASK_IN_JOB' } });
  });

  it('unblocks the join of a diamond only when both sides succeeded', () => {
    const refs: [string, string[]][] = [['a', []], ['b', ['a']], ['c', ['a']], ['d', ['b', 'c']]];
    const a = fold('a', [submittedIn('a', []), claimedBy(), ok]);
    const half = tasksOf(a, fold('b', [submittedIn('b', ['a']), { type: 'TaskUnblocked', data: { ready: true } }, claimedBy(), ok]), fold('c', [submittedIn('c', ['a']), { type: 'TaskUnblocked', data: { ready: true } }, claimedBy()]), fold('d', [submittedIn('d', ['b', 'c'])]));
    expect(advanceJob({ job: job('fail-fast', refs), tasks: half, now: T0 })).toEqual({ commands: [], events: [] });
    half.set('c', fold('c', [submittedIn('c', ['a']), { type: 'TaskUnblocked', data: { ready: true } }, claimedBy(), ok]));
    expect(advanceJob({ job: job('fail-fast', refs), tasks: half, now: T0 })).toEqual({ commands: [{ kind: 'Unblock', taskId: 'd', now: T0 }], events: [] });
  });

  it('fail-fast cancels everything that has not ended; continue cancels only the dependants', () => {
    const refs: [string, string[]][] = [['bad', []], ['other', []], ['after', ['bad']]];
    const tasks = tasksOf(fold('bad', [submittedIn('bad', []), claimedBy(), ...failed]), fold('other', [submittedIn('other', []), claimedBy()]), fold('after', [submittedIn('after', ['bad'])]));
    const fast = advanceJob({ job: job('fail-fast', refs), tasks, now: T0 });
    expect(fast.commands).toEqual([
      { kind: 'Cancel', taskId: 'other', reason: 'fail-fast: task bad failed' },
      { kind: 'Cancel', taskId: 'after', reason: 'fail-fast: task bad failed' },
    ]);
    const going = advanceJob({ job: job('continue', refs), tasks, now: T0 });
    expect(going.commands).toEqual([{ kind: 'Cancel', taskId: 'after', reason: 'dependency bad failed' }]);
  });

  it('ends the job: succeeded when all did, failed naming the keys, cancelled after a cancel request', () => {
    const refs: [string, string[]][] = [['a', []], ['b', []]];
    const done = tasksOf(fold('a', [submittedIn('a', []), claimedBy(), ok]), fold('b', [submittedIn('b', []), claimedBy(), ok]));
    expect(advanceJob({ job: job('continue', refs), tasks: done, now: T0 }).events).toEqual([{ type: 'JobSucceeded', data: {} }]);
    const bad = tasksOf(fold('a', [submittedIn('a', []), claimedBy(), ok]), fold('b', [submittedIn('b', []), claimedBy(), ...failed]));
    expect(advanceJob({ job: job('continue', refs), tasks: bad, now: T0 }).events).toEqual([{ type: 'JobFailed', data: { failedKeys: ['b'] } }]);
    const stopped = tasksOf(fold('a', [submittedIn('a', []), claimedBy(), ok]), fold('b', [submittedIn('b', []), { type: 'TaskCancelled', data: { reason: 'x' } }]));
    expect(advanceJob({ job: job('continue', refs, { cancelRequested: true, endReason: 'stop' }), tasks: stopped, now: T0 }).events).toEqual([{ type: 'JobCancelled', data: { reason: 'stop' } }]);
    expect(advanceJob({ job: job('continue', refs, { state: 'failed' }), tasks: bad, now: T0 })).toEqual({ commands: [], events: [] });
  });

  describe('broadcast steps', () => {
    const step = (...more: TaskEvent[]) => fold('s', [submittedIn('s', [], { broadcast: { onAgentLost: 'skip' } }), ...more]);
    const fanned: TaskEvent = { type: 'TaskFannedOut', data: { agentIds: ['x', 'y'], childIds: ['cx', 'cy'] } };
    const copy = (id: string, agent: string, ...more: TaskEvent[]) =>
      fold(id, [{ type: 'TaskSubmitted', data: { taskType: 't', payloadVersion: 1, payload: null, priority: 0, runAt: T0, maxAttempts: 1, backoff, timeoutMs: null, idempotencyKey: null, ready: true, placement: { target: { service: null, tags: [], agentId: agent }, serialKey: null, limitKey: null, broadcast: null, job: { jobId: 'j', key: `s@${agent}`, dependsOn: [] }, parentId: 's' }, trace: null } }, ...more]);

    it('is never claimed; fans out once from queued; ends only as a fanned-out step', () => {
      expect(decide(step(), { kind: 'Claim', taskId: 's', agentId: 'x', leaseMs: 1, now: T0 })).toMatchObject({ ok: false, error: { code: 'TASK_NOT_CLAIMABLE' } });
      expect(decide(step(), { kind: 'FanOut', taskId: 's', agentIds: ['x', 'y'], childIds: ['cx', 'cy'] })).toEqual({ ok: true, value: [fanned] });
      expect(step(fanned)).toMatchObject({ state: 'running', fanout: { agentIds: ['x', 'y'] }, agentId: null });
      expect(decide(step(fanned), { kind: 'FanOut', taskId: 's', agentIds: ['x'], childIds: ['cx'] })).toMatchObject({ ok: false, error: { code: 'TASK_NOT_CLAIMABLE' } });
      expect(decide(fold('a', [submittedIn('a', [])]), { kind: 'FanOut', taskId: 'a', agentIds: ['x'], childIds: ['c'] })).toMatchObject({ ok: false, error: { code: 'TASK_NOT_BROADCAST' } });
      expect(decide(step(), { kind: 'EndBroadcast', taskId: 's', outcome: 'succeeded', result: {} })).toMatchObject({ ok: false, error: { code: 'TASK_NOT_BROADCAST' } });
    });

    it('succeeds with every copy result by agent once all copies succeeded or were skipped', () => {
      const tasks = tasksOf(step(fanned), copy('cx', 'x', claimedBy('x'), ok), copy('cy', 'y', { type: 'TaskCancelled', data: { reason: SKIPPED_REASON } }));
      expect(advanceJob({ job: job('fail-fast', [['s', []]]), tasks, now: T0 }).commands).toEqual([{ kind: 'EndBroadcast', taskId: 's', outcome: 'succeeded', result: { x: 1 } }]);
    });

    it('a failed copy stops the others, then fails the step', () => {
      const lost = copy('cx', 'x', claimedBy('x'));
      expect(decide(lost, { kind: 'AbandonPinned', taskId: 'cx', policy: 'fail' })).toEqual({ ok: true, value: [{ type: 'TaskFailed', data: { reason: 'agent-lost' } }] });
      expect(decide(lost, { kind: 'AbandonPinned', taskId: 'cx', policy: 'skip' })).toEqual({ ok: true, value: [{ type: 'TaskCancelled', data: { reason: SKIPPED_REASON } }] });
      const tasks = tasksOf(step(fanned), copy('cx', 'x', claimedBy('x'), { type: 'TaskFailed', data: { reason: 'agent-lost' } }), copy('cy', 'y', claimedBy('y')));
      expect(advanceJob({ job: job('fail-fast', [['s', []]]), tasks, now: T0 }).commands).toEqual([{ kind: 'Cancel', taskId: 'cy', reason: 'another copy of its step failed' }]);
      tasks.set('cy', copy('cy', 'y', claimedBy('y'), { type: 'TaskCancelled', data: { reason: 'another copy of its step failed' } }));
      expect(advanceJob({ job: job('fail-fast', [['s', []]]), tasks, now: T0 }).commands).toEqual([{ kind: 'EndBroadcast', taskId: 's', outcome: 'failed', result: {} }]);
      expect(decide(step(fanned), { kind: 'EndBroadcast', taskId: 's', outcome: 'failed', result: {} })).toEqual({ ok: true, value: [{ type: 'TaskFailed', data: { reason: 'children-failed' } }] });
    });

    it('a step asked to stop moves its job, and stops its copies', () => {
      const asked = step(fanned, { type: 'TaskCancelRequested', data: { reason: 'r' } });
      expect(movesJob(step(fanned), asked)).toBe(true);
      expect(movesJob(asked, asked)).toBe(false);
      const tasks = tasksOf(asked, copy('cx', 'x', claimedBy('x')), copy('cy', 'y'));
      expect(advanceJob({ job: job('fail-fast', [['s', []]]), tasks, now: T0 }).commands).toEqual([
        { kind: 'Cancel', taskId: 'cx', reason: 'its step was cancelled' },
        { kind: 'Cancel', taskId: 'cy', reason: 'its step was cancelled' },
      ]);
      expect(decide(asked, { kind: 'EndBroadcast', taskId: 's', outcome: 'succeeded', result: {} })).toEqual({ ok: true, value: [{ type: 'TaskCancelled', data: { reason: 'cancel requested' } }] });
    });
  });

  it('a plain task never moves a job', () => {
    const plain = fold('p', [{ ...submittedIn('p', []), data: { ...(submittedIn('p', []).data as object), placement: null } } as TaskEvent]);
    expect(plain.jobId).toBeNull();
    expect(movesJob(null, { ...plain, state: 'succeeded' })).toBe(false);
    expect(movesJob(null, { ...plain, jobId: 'j', state: 'succeeded' })).toBe(true);
  });
});
