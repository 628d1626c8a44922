import type { ApiClient } from '../api-client.js';
import type { LiveEvent, LiveFeed } from '../live-feed.js';
import { h, replace } from '../dom.js';

interface ViewContext {
  api: ApiClient;
  feed: LiveFeed;
  navigate(hash: string): void;
}

/** A page: its element, and what to stop when the reader leaves it. */
interface View {
  element: HTMLElement;
  dispose(): void;
}

/**
 * Re-reads a view when an event it cares about arrives, at most once per
 * `waitMs` (a busy queue sends hundreds of events a second), and never two
 * reads at once.
 */
function refreshOnEvents(params: { feed: LiveFeed; relevant: (event: LiveEvent) => boolean; refresh: () => Promise<void>; waitMs?: number }): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running = false;
  let again = false;
  const fire = async (): Promise<void> => {
    timer = null;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await params.refresh();
    } finally {
      running = false;
      if (again) {
        again = false;
        schedule();
      }
    }
  };
  const schedule = (): void => {
    timer ??= setTimeout(() => void fire(), params.waitMs ?? 300);
  };
  const stop = params.feed.onEvent((event) => {
    if (params.relevant(event)) schedule();
  });
  return () => {
    stop();
    if (timer) clearTimeout(timer);
  };
}

/** Runs a view's read and shows its failure in place instead of an empty page. */
async function guarded(target: HTMLElement, read: () => Promise<void>): Promise<void> {
  try {
    await read();
  } catch (error) {
    replace(target, h('p', { class: 'error', role: 'alert' }, error instanceof Error ? error.message : String(error)));
  }
}

const TASK_STATES = ['blocked', 'scheduled', 'queued', 'running', 'succeeded', 'failed', 'cancelled'] as const;
const ENDED = new Set(['succeeded', 'failed', 'cancelled']);

export { refreshOnEvents, guarded, TASK_STATES, ENDED };
export type { View, ViewContext };
