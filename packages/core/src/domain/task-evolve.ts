import type { StoredTaskEvent } from './task-events.js';
import type { TaskView } from './task-state.js';

/**
 * Folds one stored event into the state of its task. Total over a valid log;
 * an event that cannot follow the state is a corrupt log, not a user error.
 */
function evolve(state: TaskView | null, event: StoredTaskEvent): TaskView {
  if (event.type === 'TaskSubmitted') {
    const d = event.data;
    const p = d.placement;
    return {
      id: event.streamId,
      type: d.taskType,
      payloadVersion: d.payloadVersion,
      payload: d.payload,
      state: (p?.job?.dependsOn.length ?? 0) > 0 ? 'blocked' : d.ready ? 'queued' : 'scheduled',
      priority: d.priority,
      runAt: d.runAt,
      submittedAt: event.time,
      updatedAt: event.time,
      submitSeq: event.seq,
      attempt: 0,
      maxAttempts: d.maxAttempts,
      token: 0,
      agentId: null,
      leaseExpiresAt: null,
      timeoutMs: d.timeoutMs,
      backoff: d.backoff,
      idempotencyKey: d.idempotencyKey,
      result: null,
      progress: null,
      errors: [],
      cancelRequested: false,
      endReason: null,
      target: p?.target ?? null,
      serialKey: p?.serialKey ?? null,
      limitKey: p?.limitKey ?? null,
      queueSeq: event.seq,
      jobId: p?.job?.jobId ?? null,
      key: p?.job?.key ?? null,
      dependsOn: p?.job?.dependsOn ?? [],
      broadcast: p?.broadcast ?? null,
      fanout: null,
      parentId: p?.parentId ?? null,
      trace: d.trace,
      version: event.version,
    };
  }
  if (!state) throw new Error(`corrupt log: ${event.type} at seq ${event.seq} for a task that was never submitted`);
  const next: TaskView = { ...state, updatedAt: event.time, version: event.version };
  const released = { agentId: null, leaseExpiresAt: null };
  switch (event.type) {
    case 'TaskReady':
      return { ...next, state: 'queued' };
    case 'TaskUnblocked':
      return { ...next, state: event.data.ready ? 'queued' : 'scheduled' };
    case 'TaskFannedOut':
      return { ...next, state: 'running', fanout: { agentIds: event.data.agentIds, childIds: event.data.childIds } };
    case 'TaskClaimed':
      return {
        ...next,
        state: 'running',
        token: event.data.token,
        attempt: event.data.attempt,
        agentId: event.data.agentId,
        leaseExpiresAt: event.data.leaseExpiresAt,
        progress: null,
      };
    case 'TaskSucceeded':
      return { ...next, ...released, state: 'succeeded', result: event.data.result };
    case 'TaskAttemptFailed': {
      const d = event.data;
      const error = { ...d.error, attempt: d.attempt, token: d.token, at: event.time };
      const errors = [...state.errors, error];
      if (d.retryAt === null) return { ...next, errors };
      return { ...next, ...released, errors, state: d.ready ? 'queued' : 'scheduled', runAt: d.retryAt };
    }
    case 'TaskProgressed':
      return { ...next, progress: event.data.progress };
    case 'TaskLeaseExtended':
      return { ...next, leaseExpiresAt: event.data.leaseExpiresAt };
    case 'TaskLeaseExpired': {
      const d = event.data;
      const error = { name: 'LeaseExpired', message: `the lease of agent ${state.agentId ?? '?'} expired`, attempt: d.attempt, token: d.token, at: event.time };
      const errors = [...state.errors, error];
      if (d.retryAt === null) return { ...next, errors };
      return { ...next, ...released, errors, state: d.ready ? 'queued' : 'scheduled', runAt: d.retryAt };
    }
    case 'TaskFailed':
      return { ...next, ...released, state: 'failed', endReason: event.data.reason };
    case 'TaskReleased':
      return { ...next, ...released, state: 'queued', attempt: state.attempt - 1 };
    case 'TaskCancelRequested':
      return { ...next, cancelRequested: true };
    case 'TaskCancelled':
      return { ...next, ...released, state: 'cancelled', endReason: event.data.reason };
    case 'TaskRetried':
      // To the back of the queue: a serial key's later tasks keep their order behind the one that runs.
      return { ...next, state: 'queued', maxAttempts: event.data.maxAttempts, endReason: null, cancelRequested: false, result: null, queueSeq: event.seq };
  }
}

/** The state of one task stream: its events folded from nothing. */
function foldTask(events: readonly StoredTaskEvent[]): TaskView | null {
  let state: TaskView | null = null;
  for (const event of events) state = evolve(state, event);
  return state;
}

export { evolve, foldTask };
