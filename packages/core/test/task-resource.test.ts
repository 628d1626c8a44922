import { describe, expect, it } from 'vitest';
import { DEFAULT_BACKOFF, decide, evolve, toTaskResource, type StoredTaskEvent, type TaskView } from '../src/index.js';

const T0 = Date.UTC(2026, 11, 7, 12, 0, 0, 0);

function scheduledAt(runAt: number): TaskView {
  const decision = decide(null, {
    kind: 'Submit',
    taskId: 'task-1',
    taskType: 'email.send',
    payloadVersion: 1,
    payload: null,
    priority: 0,
    runAt,
    maxAttempts: 1,
    backoff: DEFAULT_BACKOFF,
    timeoutMs: null,
    idempotencyKey: null,
    now: T0,
  });
  if (!decision.ok) throw new Error(decision.error.message);
  let state: TaskView | null = null;
  decision.value.forEach((event, i) => {
    state = evolve(state, { ...event, seq: i + 1, streamId: 'task-1', version: i + 1, time: T0 } as StoredTaskEvent);
  });
  return state as unknown as TaskView;
}

describe('toTaskResource', () => {
  it('shows a run time with a fraction of a millisecond rounded up, never earlier than the task (ADR 0036)', () => {
    const task = scheduledAt(T0 + 1_000.25);
    expect(task.runAt).toBe(T0 + 1_000.25);
    expect(toTaskResource(task).runAt).toBe('2026-12-07T12:00:01.001Z');
    expect(toTaskResource(scheduledAt(T0 + 1_000)).runAt).toBe('2026-12-07T12:00:01.000Z');
  });
});
