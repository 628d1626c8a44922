import { backoffDelay } from './backoff.js';
import { refuse, type Decision, type DomainError } from './domain-error.js';
import type { TaskCommand, FailTask, ExpireLease } from './task-commands.js';
import type { TaskEvent } from './task-events.js';
import { isTerminal, type TaskView } from './task-state.js';

type Events = Decision<TaskEvent[]>;

/** The longest a handler's "try again later" can hold a task back. */
const MAX_RETRY_AFTER_MS = 86_400_000;

/** The reason a broadcast copy carries when its agent was lost and the step's policy skips it. */
const SKIPPED_REASON = 'its agent was lost; skipped by the step policy';

function accept(events: TaskEvent[]): Events {
  return { ok: true, value: events };
}

/**
 * The task decider: given the current state of a task (null when the stream is
 * empty) and a command, the events to append, or a typed refusal.
 */
function decide(state: TaskView | null, command: TaskCommand): Events {
  if (command.kind === 'Submit') {
    if (state) {
      return refuse({ code: 'TASK_EXISTS', taskId: command.taskId, state: state.state, message: `task ${command.taskId} already exists` });
    }
    const { kind: _kind, taskId: _taskId, now, target, serialKey, limitKey, job, broadcast, parentId, trace, startsAfterMs, ...spec } = command;
    const blocked = (job?.dependsOn.length ?? 0) > 0;
    const runAt = startsAfterMs === undefined || startsAfterMs === null ? spec.runAt : now + startsAfterMs;
    return accept([
      {
        type: 'TaskSubmitted',
        data: {
          ...spec,
          runAt,
          ready: !blocked && runAt <= now,
          // A plain task's event stays small: placement is written only when something in it is set.
          placement:
            target || serialKey || limitKey || job || broadcast || parentId
              ? { target: target ?? null, serialKey: serialKey ?? null, limitKey: limitKey ?? null, job: job ?? null, broadcast: broadcast ?? null, parentId: parentId ?? null }
              : null,
          trace: trace ?? null,
        },
      },
    ]);
  }
  if (!state) {
    return refuse({ code: 'TASK_NOT_FOUND', taskId: command.taskId, state: null, message: `task ${command.taskId} does not exist` });
  }
  switch (command.kind) {
    case 'Promote':
      if (state.state !== 'scheduled') return wrongState(state, 'TASK_NOT_DUE', 'promote');
      if (state.runAt > command.now) {
        return refuse({ code: 'TASK_NOT_DUE', taskId: state.id, state: state.state, message: `task ${state.id} is not due until ${new Date(state.runAt).toISOString()}` });
      }
      return accept([{ type: 'TaskReady', data: {} }]);
    case 'Unblock':
      if (state.state !== 'blocked') return wrongState(state, 'TASK_NOT_BLOCKED', 'unblock');
      return accept([{ type: 'TaskUnblocked', data: { ready: state.runAt <= command.now } }]);
    case 'FanOut':
      if (!state.broadcast) return refuse({ code: 'TASK_NOT_BROADCAST', taskId: state.id, state: state.state, message: `task ${state.id} is not a broadcast step` });
      if (state.state !== 'queued') return wrongState(state, 'TASK_NOT_CLAIMABLE', 'fan out');
      return accept([{ type: 'TaskFannedOut', data: { agentIds: command.agentIds, childIds: command.childIds } }]);
    case 'EndBroadcast':
      if (!state.broadcast || !state.fanout) return refuse({ code: 'TASK_NOT_BROADCAST', taskId: state.id, state: state.state, message: `task ${state.id} is not a broadcast step that fanned out` });
      if (state.state !== 'running') return wrongState(state, 'TASK_NOT_RUNNING', 'end the broadcast of');
      if (state.cancelRequested) return accept([{ type: 'TaskCancelled', data: { reason: 'cancel requested' } }]);
      if (command.outcome === 'failed') return accept([{ type: 'TaskFailed', data: { reason: 'children-failed' } }]);
      return accept([{ type: 'TaskSucceeded', data: { token: state.token, result: command.result ?? null } }]);
    case 'AbandonPinned':
      if (isTerminal(state.state)) return wrongState(state, 'TASK_FINISHED', 'abandon');
      if (command.policy === 'skip') return accept([{ type: 'TaskCancelled', data: { reason: SKIPPED_REASON } }]);
      return accept([{ type: 'TaskFailed', data: { reason: 'agent-lost' } }]);
    case 'Claim':
      if (state.state !== 'queued' || state.broadcast) return wrongState(state, 'TASK_NOT_CLAIMABLE', 'claim');
      return accept([
        {
          type: 'TaskClaimed',
          data: {
            agentId: command.agentId,
            token: state.token + 1,
            attempt: state.attempt + 1,
            leaseExpiresAt: command.now + command.leaseMs,
          },
        },
      ]);
    case 'Succeed': {
      const fenced = checkLease(state, command.token, 'report success for');
      if (fenced) return fenced;
      return accept([{ type: 'TaskSucceeded', data: { token: command.token, result: command.result ?? null } }]);
    }
    case 'Fail': {
      const fenced = checkLease(state, command.token, 'report failure for');
      if (fenced) return fenced;
      return decideFailure(state, command);
    }
    case 'Release': {
      const fenced = checkLease(state, command.token, 'release');
      if (fenced) return fenced;
      if (state.cancelRequested) return accept([{ type: 'TaskCancelled', data: { reason: 'cancel requested' } }]);
      return accept([{ type: 'TaskReleased', data: { token: command.token, reason: command.reason } }]);
    }
    case 'Cancel':
      if (isTerminal(state.state)) return wrongState(state, 'TASK_FINISHED', 'cancel');
      if (state.state !== 'running') return accept([{ type: 'TaskCancelled', data: { reason: command.reason } }]);
      if (state.cancelRequested) return accept([]);
      return accept([{ type: 'TaskCancelRequested', data: { reason: command.reason } }]);
    case 'ConfirmCancel': {
      const fenced = checkLease(state, command.token, 'confirm the cancel of');
      if (fenced) return fenced;
      if (!state.cancelRequested) {
        return refuse({ code: 'CANCEL_NOT_REQUESTED', taskId: state.id, state: state.state, message: `no cancel was requested for task ${state.id}` });
      }
      return accept([{ type: 'TaskCancelled', data: { reason: 'cancel requested' } }]);
    }
    case 'ReportProgress': {
      const fenced = checkLease(state, command.token, 'report progress for');
      if (fenced) return fenced;
      return accept([{ type: 'TaskProgressed', data: { token: command.token, progress: command.progress ?? null } }]);
    }
    case 'ExtendLease': {
      const fenced = checkLease(state, command.token, 'extend the lease of');
      if (fenced) return fenced;
      const leaseExpiresAt = command.now + command.leaseMs;
      // A lease only grows: a delayed heartbeat never shortens what a newer one granted.
      if (state.leaseExpiresAt !== null && state.leaseExpiresAt >= leaseExpiresAt) return accept([]);
      return accept([{ type: 'TaskLeaseExtended', data: { token: command.token, leaseExpiresAt } }]);
    }
    case 'ExpireLease':
      return decideLeaseExpiry(state, command);
    case 'Retry':
      if (state.jobId !== null || state.parentId !== null) {
        return refuse({ code: 'TASK_IN_JOB', taskId: state.id, state: state.state, message: `task ${state.id} belongs to job ${state.jobId ?? state.parentId}; a job's tasks are not retried one by one` });
      }
      if (state.state !== 'failed' && state.state !== 'cancelled') {
        return refuse({ code: 'TASK_NOT_ENDED_IN_FAILURE', taskId: state.id, state: state.state, message: `cannot retry task ${state.id}: it is ${state.state}; only failed or cancelled tasks can be retried` });
      }
      return accept([{ type: 'TaskRetried', data: { maxAttempts: state.attempt + command.attempts, reason: command.reason } }]);
  }
}

function decideFailure(state: TaskView, command: FailTask): Events {
  const base = { token: command.token, attempt: state.attempt, error: command.error };
  const end = endOfAttempt(state, command.retryable);
  if (end) return accept([{ type: 'TaskAttemptFailed', data: { ...base, retryAt: null, ready: false } }, end]);
  const backoff = backoffDelay({ failedAttempt: state.attempt, policy: state.backoff, random: command.random });
  const asked = Math.min(Math.max(command.retryAfterMs ?? 0, 0), MAX_RETRY_AFTER_MS);
  const retryAt = command.now + Math.max(backoff, asked);
  return accept([{ type: 'TaskAttemptFailed', data: { ...base, retryAt, ready: retryAt <= command.now } }]);
}

function decideLeaseExpiry(state: TaskView, command: ExpireLease): Events {
  if (state.state !== 'running') return wrongState(state, 'TASK_NOT_RUNNING', 'expire the lease of');
  if (command.token !== state.token) return stale(state, command.token, 'expire the lease of');
  if (state.leaseExpiresAt === null || state.leaseExpiresAt > command.now) {
    return refuse({ code: 'LEASE_NOT_EXPIRED', taskId: state.id, state: state.state, message: `the lease of task ${state.id} has not expired` });
  }
  const base = { token: state.token, attempt: state.attempt };
  const end = endOfAttempt(state, true);
  if (end) return accept([{ type: 'TaskLeaseExpired', data: { ...base, retryAt: null, ready: false } }, end]);
  const retryAt = command.now + backoffDelay({ failedAttempt: state.attempt, policy: state.backoff, random: command.random });
  return accept([{ type: 'TaskLeaseExpired', data: { ...base, retryAt, ready: retryAt <= command.now } }]);
}

/** The terminal event that follows a failed attempt, or null when another attempt follows. */
function endOfAttempt(state: TaskView, retryable: boolean): TaskEvent | null {
  if (state.cancelRequested) return { type: 'TaskCancelled', data: { reason: 'cancel requested' } };
  if (!retryable) return { type: 'TaskFailed', data: { reason: 'not-retryable' } };
  if (state.attempt >= state.maxAttempts) return { type: 'TaskFailed', data: { reason: 'attempts-exhausted' } };
  return null;
}

/** Fencing: a write for a task must carry the token of the claim that is current. */
function checkLease(state: TaskView, token: number, verb: string): { ok: false; error: DomainError } | null {
  if (token !== state.token) return stale(state, token, verb);
  if (state.state !== 'running') return wrongState(state, 'TASK_NOT_RUNNING', verb);
  return null;
}

function stale(state: TaskView, token: number, verb: string): { ok: false; error: DomainError } {
  return refuse({
    code: 'STALE_LEASE',
    taskId: state.id,
    state: state.state,
    message: `cannot ${verb} task ${state.id} with lease token ${token}: the current token is ${state.token}`,
  });
}

function wrongState(state: TaskView, code: DomainError['code'], verb: string): { ok: false; error: DomainError } {
  const code_ = isTerminal(state.state) && code !== 'TASK_NOT_RUNNING' ? 'TASK_FINISHED' : code;
  return refuse({ code: code_, taskId: state.id, state: state.state, message: `cannot ${verb} task ${state.id}: it is ${state.state}` });
}

export { decide, SKIPPED_REASON };
