/**
 * Wakes idle in-process agents when work becomes ready, so a task submitted to
 * an idle engine starts at once instead of at the next poll.
 * Each subscriber has a pending flag: a notification between a claim that found
 * nothing and the next wait is never lost.
 */
interface WorkSignal {
  notify(): void;
  subscribe(): WorkSubscription;
}

interface WorkSubscription {
  /** Clears the pending flag; call just before claiming. */
  take(): void;
  /** Resolves at the next notification (at once if one is pending), at the deadline, or on abort. */
  wait(params: { timeoutMs: number; signal?: AbortSignal }): Promise<void>;
  close(): void;
}

function createWorkSignal(): WorkSignal {
  const subscribers = new Set<{ pending: boolean; wake: (() => void) | null }>();
  return {
    notify() {
      for (const s of subscribers) {
        s.pending = true;
        s.wake?.();
      }
    },
    subscribe() {
      const sub = { pending: true, wake: null as (() => void) | null };
      subscribers.add(sub);
      return {
        take() {
          sub.pending = false;
        },
        wait({ timeoutMs, signal }) {
          if (sub.pending || signal?.aborted) return Promise.resolve();
          return new Promise<void>((resolve) => {
            const done = () => {
              clearTimeout(timer);
              signal?.removeEventListener('abort', done);
              sub.wake = null;
              resolve();
            };
            const timer = setTimeout(done, timeoutMs);
            signal?.addEventListener('abort', done, { once: true });
            sub.wake = done;
          });
        },
        close() {
          sub.wake?.();
          subscribers.delete(sub);
        },
      };
    },
  };
}

export { createWorkSignal };
export type { WorkSignal, WorkSubscription };
