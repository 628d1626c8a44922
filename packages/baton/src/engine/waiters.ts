/**
 * Callers waiting for something (a task, a job) to end. The engine tells it
 * about every change it makes; a bounded poll of the store covers changes made
 * elsewhere (another node, another process on the same database), so a missed
 * notice delays, never hangs.
 */
interface Waiters<T extends { id: string }> {
  settled(item: T): void;
  wait(params: { id: string; timeoutMs: number; poll: () => Promise<T | null> }): Promise<T | null>;
  /** The ids someone is waiting for now. */
  waitingFor(): string[];
  closeAll(): void;
}

function createWaiters<T extends { id: string }>(params: { pollMs: number; isDone: (item: T) => boolean }): Waiters<T> {
  const waiting = new Map<string, Set<(item: T | null) => void>>();
  return {
    settled(item) {
      if (!params.isDone(item)) return;
      const set = waiting.get(item.id);
      if (!set) return;
      waiting.delete(item.id);
      for (const resolve of set) resolve(item);
    },
    wait({ id, timeoutMs, poll }) {
      return new Promise((resolve) => {
        let set = waiting.get(id);
        if (!set) waiting.set(id, (set = new Set()));
        const finish = (item: T | null) => {
          clearTimeout(deadline);
          clearInterval(poller);
          set?.delete(finish);
          if (set?.size === 0 && waiting.get(id) === set) waiting.delete(id);
          resolve(item);
        };
        set.add(finish);
        const deadline = setTimeout(() => finish(null), timeoutMs);
        const poller = setInterval(() => {
          poll().then(
            (item) => item && params.isDone(item) && finish(item),
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

export { createWaiters };
export type { Waiters };
