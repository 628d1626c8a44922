import { expect } from 'vitest';
import { DEFAULT_BACKOFF, foldTask, type NewTask, type StoredTaskEvent, type TaskStore } from '@baton/core';
import type { FakeClock } from '@baton/core/testing';

/** What a driver gives the suite: a fresh, empty store on the given clock. */
interface StoreHarness {
  store: TaskStore;
  /** Closes and opens the same database again, when the driver persists (files, servers). */
  reopen?: () => Promise<TaskStore>;
  cleanup: () => Promise<void>;
}
type OpenStore = (params: { clock: FakeClock }) => Promise<StoreHarness>;

let counter = 0;
function newTask(overrides: Partial<NewTask> = {}): NewTask {
  counter += 1;
  return {
    taskId: `t-${counter}-${Math.random().toString(36).slice(2, 8)}`,
    taskType: 'email.send',
    payloadVersion: 1,
    payload: { n: counter },
    priority: 0,
    runAt: 0,
    maxAttempts: 3,
    backoff: { ...DEFAULT_BACKOFF, jitter: 0 },
    timeoutMs: null,
    idempotencyKey: null,
    ...overrides,
  };
}

async function expectProjectionIsFold(store: TaskStore, taskId: string): Promise<void> {
  const events = (await store.readStream({ streamId: taskId })) as StoredTaskEvent[];
  expect(await store.get({ taskId })).toEqual(foldTask(events));
}

/** What each case of the suite reads when it runs: the fresh store and its clock. */
interface ContractEnv {
  driver: string;
  store: TaskStore;
  clock: FakeClock;
}

export { newTask, expectProjectionIsFold };
export type { StoreHarness, OpenStore, ContractEnv };
