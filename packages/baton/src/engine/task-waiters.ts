import { isTerminal, type TaskView } from '@baton/core';

/**
 * Callers waiting for tasks to end. The engine tells it about every task it
 * changes; a bounded poll of the store covers changes made elsewhere (another
 * process on the same database), so a missed notice delays, never hangs.
 */
interface TaskWaiters {
  settled(task: TaskView): void;
  wait(params: { taskId: string; timeoutMs: number; poll: () => Promise<TaskView | null> }): Promise<TaskView | null>;
  /** The ids of the tasks someone is waiting for now. */
  waitingFor(): string[];
  closeAll(): void;
}

function createTaskWaiters(params: { pollMs: number }): TaskWaiters {
  const waiting = new Map<string, Set<(task: TaskView | null) => void>>();
  return {
    settled(task) {
      if (!isTerminal(task.state)) return;
      const set = waiting.get(task.id);
      if (!set) return;
      waiting.delete(task.id);
      for (const resolve of set) resolve(task);
    },
    wait({ taskId, timeoutMs, poll }) {
      return new Promise((resolve) => {
        let set = waiting.get(taskId);
        if (!set) waiting.set(taskId, (set = new Set()));
        const finish = (task: TaskView | null) => {
          clearTimeout(deadline);
          clearInterval(poller);
          set?.delete(finish);
          if (set?.size === 0 && waiting.get(taskId) === set) waiting.delete(taskId);
          resolve(task);
        };
        set.add(finish);
        const deadline = setTimeout(() => finish(null), timeoutMs);
        const poller = setInterval(() => {
          poll().then(
            (task) => task && isTerminal(task.state) && finish(task),
            () => undefined,
          );
        }, params.pollMs);
      });
    },
    waitingFor: () => [...waiting.keys()],
    closeAll() {
      for (const set of waiting.values()) for (const resolve of set) resolve(null);
      waiting.clear();
    },
  };
}

export { createTaskWaiters };
export type { TaskWaiters };
