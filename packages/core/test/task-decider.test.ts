import { describe, expect, it } from 'vitest';
import {
  DEFAULT_BACKOFF,
  decide,
  evolve,
  type StoredTaskEvent,
  type TaskCommand,
  type TaskEvent,
  type TaskView,
} from '../src/index.js';

const T0 = 1_000_000;
const ID = 'task-1';
const submit: TaskCommand = {
  kind: 'Submit',
  taskId: ID,
  taskType: 'email.send',
  payloadVersion: 1,
  payload: { to: 'a@b.co' },
  priority: 0,
  runAt: T0,
  maxAttempts: 2,
  backoff: { ...DEFAULT_BACKOFF, baseMs: 1_000, jitter: 0 },
  timeoutMs: null,
  idempotencyKey: null,
  now: T0,
};
const claim: TaskCommand = { kind: 'Claim', taskId: ID, agentId: 'a1', leaseMs: 30_000, now: T0 };
const error = { name: 'Error', message: 'boom' };

/** Given these events (folded), when this command: the events decided, or the refusal. */
function given(...events: TaskEvent[]) {
  let state: TaskView | null = null;
  events.forEach((event, i) => {
    state = evolve(state, { ...event, seq: i + 1, streamId: ID, version: i + 1, time: T0 } as StoredTaskEvent);
  });
  return {
    state: () => state,
    when: (command: TaskCommand) => {
      const decision = decide(state, command);
      return {
        then: (expected: TaskEvent[]) => expect(decision).toEqual({ ok: true, value: expected }),
        refused: (code: string) => expect(decision).toMatchObject({ ok: false, error: { code, taskId: ID } }),
      };
    },
  };
}

const submitted = (ready = true): TaskEvent => ({
  type: 'TaskSubmitted',
  data: { taskType: 'email.send', payloadVersion: 1, payload: { to: 'a@b.co' }, priority: 0, runAt: ready ? T0 : T0 + 5_000, maxAttempts: 2, backoff: { ...DEFAULT_BACKOFF, baseMs: 1_000, jitter: 0 }, timeoutMs: null, idempotencyKey: null, ready, placement: null, trace: null },
});
const claimed = (token = 1, attempt = token): TaskEvent => ({ type: 'TaskClaimed', data: { agentId: 'a1', token, attempt, leaseExpiresAt: T0 + 30_000 } });
const cancelRequested: TaskEvent = { type: 'TaskCancelRequested', data: { reason: 'user' } };
const succeeded: TaskEvent = { type: 'TaskSucceeded', data: { token: 1, result: 'ok' } };
const cancelled: TaskEvent = { type: 'TaskCancelled', data: { reason: 'user' } };
const attemptFailed = (retryAt: number | null, ready = false): TaskEvent => ({ type: 'TaskAttemptFailed', data: { token: 1, attempt: 1, error, retryAt, ready } });

describe('task decider', () => {
  describe('Submit', () => {
    it('queues a task that is due now', () => given().when(submit).then([submitted(true)]));
    it('schedules a task due later', () => given().when({ ...submit, runAt: T0 + 5_000 }).then([submitted(false)]));
    it('refuses a task id that exists', () => given(submitted()).when(submit).refused('TASK_EXISTS'));
    // The submitting node's estimate (runAt) was 5 minutes ahead; the store's clock decides.
    it('runs a task with no time of its own relative to the store\'s clock, whatever the node guessed', () =>
      given().when({ ...submit, runAt: T0 + 300_000, startsAfterMs: 0 }).then([submitted(true)]));
    it('counts a delay from the store\'s clock', () => given().when({ ...submit, runAt: T0 - 300_000, startsAfterMs: 5_000 }).then([submitted(false)]));
  });

  describe('any command on a task that does not exist', () => {
    for (const command of [claim, { kind: 'Cancel', taskId: ID, reason: 'x' }, { kind: 'Succeed', taskId: ID, token: 1, result: null }] as TaskCommand[]) {
      it(`refuses ${command.kind} with TASK_NOT_FOUND`, () => given().when(command).refused('TASK_NOT_FOUND'));
    }
  });

  describe('Promote', () => {
    it('makes a due scheduled task ready', () => given(submitted(false)).when({ kind: 'Promote', taskId: ID, now: T0 + 5_000 }).then([{ type: 'TaskReady', data: {} }]));
    it('refuses before the run time', () => given(submitted(false)).when({ kind: 'Promote', taskId: ID, now: T0 + 4_999 }).refused('TASK_NOT_DUE'));
    it('refuses a queued task', () => given(submitted(true)).when({ kind: 'Promote', taskId: ID, now: T0 }).refused('TASK_NOT_DUE'));
    it('refuses a finished task', () => given(submitted(), claimed(), succeeded).when({ kind: 'Promote', taskId: ID, now: T0 }).refused('TASK_FINISHED'));
  });

  describe('Claim', () => {
    it('claims a queued task with the next token and attempt and a lease', () => given(submitted()).when(claim).then([claimed(1)]));
    it('refuses a running task', () => given(submitted(), claimed()).when(claim).refused('TASK_NOT_CLAIMABLE'));
    it('refuses a scheduled task', () => given(submitted(false)).when(claim).refused('TASK_NOT_CLAIMABLE'));
    it('refuses a finished task', () => given(submitted(), claimed(), succeeded).when(claim).refused('TASK_FINISHED'));
  });

  describe('Succeed', () => {
    it('records the result with the current token', () => given(submitted(), claimed()).when({ kind: 'Succeed', taskId: ID, token: 1, result: 'ok' }).then([succeeded]));
    it('stores null for an undefined result', () =>
      given(submitted(), claimed()).when({ kind: 'Succeed', taskId: ID, token: 1, result: undefined }).then([{ type: 'TaskSucceeded', data: { token: 1, result: null } }]));
    it('refuses a stale token', () =>
      given(submitted(), claimed(1), { type: 'TaskReleased', data: { token: 1, reason: 'x' } }, claimed(2, 1)).when({ kind: 'Succeed', taskId: ID, token: 1, result: 'late' }).refused('STALE_LEASE'));
    it('refuses a task that is not running', () => given(submitted()).when({ kind: 'Succeed', taskId: ID, token: 0, result: 1 }).refused('TASK_NOT_RUNNING'));
    it('refuses completing a cancelled task', () => given(submitted(), claimed(), cancelRequested, cancelled).when({ kind: 'Succeed', taskId: ID, token: 1, result: 1 }).refused('TASK_NOT_RUNNING'));
    it('refuses a second report', () => given(submitted(), claimed(), succeeded).when({ kind: 'Succeed', taskId: ID, token: 1, result: 1 }).refused('TASK_NOT_RUNNING'));
  });

  describe('Fail', () => {
    const fail = (over: Partial<Extract<TaskCommand, { kind: 'Fail' }>> = {}): TaskCommand => ({ kind: 'Fail', taskId: ID, token: 1, error, retryable: true, now: T0, random: 0, ...over });
    it('schedules a retry after the backoff', () => given(submitted(), claimed()).when(fail()).then([attemptFailed(T0 + 1_000)]));
    it('waits as long as the handler was told when that is longer than the backoff (capped at a day)', () => {
      given(submitted(), claimed()).when(fail({ retryAfterMs: 7_000 })).then([attemptFailed(T0 + 7_000)]);
      given(submitted(), claimed()).when(fail({ retryAfterMs: 10 })).then([attemptFailed(T0 + 1_000)]);
      given(submitted(), claimed()).when(fail({ retryAfterMs: 10 * 86_400_000 })).then([attemptFailed(T0 + 86_400_000)]);
    });
    it('queues the retry at once when the backoff is zero', () =>
      given({ ...submitted(), data: { ...(submitted().data as object), backoff: { ...DEFAULT_BACKOFF, baseMs: 0 } } } as TaskEvent, claimed()).when(fail()).then([attemptFailed(T0, true)]));
    it('fails for good when attempts are exhausted', () =>
      given(submitted(), claimed(1), attemptFailed(T0, true), claimed(2, 2)).when(fail({ token: 2 })).then([
        { type: 'TaskAttemptFailed', data: { token: 2, attempt: 2, error, retryAt: null, ready: false } },
        { type: 'TaskFailed', data: { reason: 'attempts-exhausted' } },
      ]));
    it('fails at once on a non-retryable error', () =>
      given(submitted(), claimed()).when(fail({ retryable: false })).then([attemptFailed(null), { type: 'TaskFailed', data: { reason: 'not-retryable' } }]));
    it('cancels instead of retrying when a cancel was requested', () => given(submitted(), claimed(), cancelRequested).when(fail()).then([attemptFailed(null), { type: 'TaskCancelled', data: { reason: 'cancel requested' } }]));
    it('refuses a stale token', () => given(submitted(), claimed()).when(fail({ token: 7 })).refused('STALE_LEASE'));
    it('refuses a task that is not running', () => given(submitted()).when(fail({ token: 0 })).refused('TASK_NOT_RUNNING'));
  });

  describe('Release', () => {
    const release: TaskCommand = { kind: 'Release', taskId: ID, token: 1, reason: 'stopping' };
    it('puts the task back in the queue', () => given(submitted(), claimed()).when(release).then([{ type: 'TaskReleased', data: { token: 1, reason: 'stopping' } }]));
    it('gives back the attempt', () => {
      const g = given(submitted(), claimed(), { type: 'TaskReleased', data: { token: 1, reason: 'x' } });
      expect(g.state()).toMatchObject({ state: 'queued', attempt: 0, token: 1, agentId: null, leaseExpiresAt: null });
    });
    it('cancels when a cancel was requested', () => given(submitted(), claimed(), cancelRequested).when(release).then([{ type: 'TaskCancelled', data: { reason: 'cancel requested' } }]));
    it('refuses a stale token', () => given(submitted(), claimed()).when({ ...release, token: 0 } as TaskCommand).refused('STALE_LEASE'));
    it('refuses a task that is not running', () => given(submitted()).when({ ...release, token: 0 } as TaskCommand).refused('TASK_NOT_RUNNING'));
  });

  describe('Cancel', () => {
    const cancel: TaskCommand = { kind: 'Cancel', taskId: ID, reason: 'user' };
    it('cancels a queued task at once', () => given(submitted()).when(cancel).then([cancelled]));
    it('cancels a scheduled task at once', () => given(submitted(false)).when(cancel).then([cancelled]));
    it('asks a running task to stop', () => given(submitted(), claimed()).when(cancel).then([cancelRequested]));
    it('is idempotent while the request is pending', () => given(submitted(), claimed(), cancelRequested).when(cancel).then([]));
    it('refuses a finished task', () => given(submitted(), claimed(), succeeded).when(cancel).refused('TASK_FINISHED'));
    it('refuses a cancelled task', () => given(submitted(), cancelled).when(cancel).refused('TASK_FINISHED'));
  });

  describe('ConfirmCancel', () => {
    const confirm: TaskCommand = { kind: 'ConfirmCancel', taskId: ID, token: 1 };
    it('ends a task whose cancel was requested', () => given(submitted(), claimed(), cancelRequested).when(confirm).then([{ type: 'TaskCancelled', data: { reason: 'cancel requested' } }]));
    it('refuses when no cancel was requested', () => given(submitted(), claimed()).when(confirm).refused('CANCEL_NOT_REQUESTED'));
    it('refuses a stale token', () => given(submitted(), claimed(), cancelRequested).when({ ...confirm, token: 2 } as TaskCommand).refused('STALE_LEASE'));
  });

  describe('ExtendLease', () => {
    const extend = (now: number, token = 1): TaskCommand => ({ kind: 'ExtendLease', taskId: ID, token, leaseMs: 30_000, now });
    it('moves the lease expiry forward for the holder of the current token', () =>
      given(submitted(), claimed()).when(extend(T0 + 10_000)).then([{ type: 'TaskLeaseExtended', data: { token: 1, leaseExpiresAt: T0 + 40_000 } }]));
    it('never shortens a lease: a late heartbeat records nothing', () => given(submitted(), claimed()).when(extend(T0 - 1)).then([]));
    it('refuses a stale token', () => given(submitted(), claimed()).when(extend(T0 + 10_000, 2)).refused('STALE_LEASE'));
    it('refuses a task that has ended', () => given(submitted(), claimed(), succeeded).when(extend(T0 + 10_000)).refused('TASK_NOT_RUNNING'));
    it('folds into a later lease expiry', () => {
      const g = given(submitted(), claimed(), { type: 'TaskLeaseExtended', data: { token: 1, leaseExpiresAt: T0 + 40_000 } });
      expect(g.state()).toMatchObject({ state: 'running', token: 1, leaseExpiresAt: T0 + 40_000 });
    });
  });

  describe('ExpireLease', () => {
    const expire = (now: number, token = 1): TaskCommand => ({ kind: 'ExpireLease', taskId: ID, token, now, random: 0 });
    it('puts the task back for another attempt once the lease has run out', () =>
      given(submitted(), claimed()).when(expire(T0 + 30_000)).then([{ type: 'TaskLeaseExpired', data: { token: 1, attempt: 1, retryAt: T0 + 31_000, ready: false } }]));
    it('fails the task when that was the last attempt', () =>
      given(submitted(), claimed(1), attemptFailed(T0, true), claimed(2, 2)).when(expire(T0 + 30_000, 2)).then([
        { type: 'TaskLeaseExpired', data: { token: 2, attempt: 2, retryAt: null, ready: false } },
        { type: 'TaskFailed', data: { reason: 'attempts-exhausted' } },
      ]));
    it('refuses before the lease runs out', () => given(submitted(), claimed()).when(expire(T0 + 29_999)).refused('LEASE_NOT_EXPIRED'));
    it('refuses a stale token, so a completed-and-reclaimed task is not expired by an old sweep', () => given(submitted(), claimed()).when(expire(T0 + 30_000, 0)).refused('STALE_LEASE'));
    it('refuses a task that is not running', () => given(submitted(), claimed(), succeeded).when(expire(T0 + 30_000)).refused('TASK_NOT_RUNNING'));
  });

  describe('ReportProgress', () => {
    const progress = (token: number): TaskCommand => ({ kind: 'ReportProgress', taskId: ID, token, progress: { done: 3, of: 10 } });
    it('records progress for the current claim', () => given(submitted(), claimed()).when(progress(1)).then([{ type: 'TaskProgressed', data: { token: 1, progress: { done: 3, of: 10 } } }]));
    it('refuses a stale token', () => given(submitted(), claimed()).when(progress(0)).refused('STALE_LEASE'));
    it('refuses once the task has ended', () => given(submitted(), claimed(), succeeded).when(progress(1)).refused('TASK_NOT_RUNNING'));
  });

  describe('Retry', () => {
    const retry: TaskCommand = { kind: 'Retry', taskId: ID, attempts: 2, reason: 'fixed the bug' };
    const failed: TaskEvent = { type: 'TaskFailed', data: { reason: 'not-retryable' } };
    it('queues a failed task again with more attempts, keeping its errors', () => {
      const g = given(submitted(), claimed(), attemptFailed(null), failed);
      g.when(retry).then([{ type: 'TaskRetried', data: { maxAttempts: 3, reason: 'fixed the bug' } }]);
      const after = evolve(g.state(), { type: 'TaskRetried', data: { maxAttempts: 3, reason: 'x' }, seq: 9, streamId: ID, version: 5, time: T0 } as StoredTaskEvent);
      expect(after).toMatchObject({ state: 'queued', attempt: 1, maxAttempts: 3, token: 1, endReason: null, errors: [{ message: 'boom' }] });
    });
    it('retries a cancelled task', () => given(submitted(), cancelled).when(retry).then([{ type: 'TaskRetried', data: { maxAttempts: 2, reason: 'fixed the bug' } }]));
    it('refuses a task that has not ended in failure', () => {
      given(submitted()).when(retry).refused('TASK_NOT_ENDED_IN_FAILURE');
      given(submitted(), claimed(), succeeded).when(retry).refused('TASK_NOT_ENDED_IN_FAILURE');
    });
  });

  describe('evolve', () => {
    it('keeps every attempt error and clears the lease on a retry', () => {
      const g = given(submitted(), claimed(), attemptFailed(T0 + 1_000));
      expect(g.state()).toMatchObject({ state: 'scheduled', runAt: T0 + 1_000, agentId: null, leaseExpiresAt: null, errors: [{ ...error, attempt: 1, token: 1, at: T0 }] });
    });
    it('throws on an event for a task that was never submitted (a corrupt log)', () => {
      expect(() => evolve(null, { ...succeeded, seq: 1, streamId: ID, version: 1, time: T0 } as StoredTaskEvent)).toThrow(/corrupt log/);
    });
  });
});
