import type { ApiClient } from './api-client.js';
import { createSseParser } from './sse-parser.js';

/** What a view hears of the log: the event's type and the stream (task, job, agent…) it belongs to. */
interface LiveEvent {
  type: string;
  subject: string;
  data: unknown;
}

type FeedStatus = 'connecting' | 'live' | 'reconnecting';

interface LiveFeed {
  onEvent(listener: (event: LiveEvent) => void): () => void;
  onStatus(listener: (status: FeedStatus) => void): () => void;
  close(): void;
}

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
const PREFIX = 'dev.baton.';

/**
 * Follows GET /v1/events from the end of the log (`after=now`) and hands each
 * event to the listeners. On a drop it reconnects with Last-Event-ID, so
 * nothing between is missed, backing off up to 10 s between tries.
 */
function startLiveFeed(params: { api: ApiClient }): LiveFeed {
  const events = new Set<(event: LiveEvent) => void>();
  const statuses = new Set<(status: FeedStatus) => void>();
  const controller = new AbortController();
  let lastId: string | null = null;
  let status: FeedStatus = 'connecting';
  const setStatus = (next: FeedStatus): void => {
    if (next === status) return;
    status = next;
    for (const listener of statuses) listener(next);
  };
  const run = async (): Promise<void> => {
    let retryMs = RETRY_MIN_MS;
    while (!controller.signal.aborted) {
      try {
        const response = await params.api.stream(lastId ? '/v1/events' : '/v1/events?after=now', { signal: controller.signal, lastEventId: lastId });
        setStatus('live');
        retryMs = RETRY_MIN_MS;
        const parser = createSseParser((message) => {
          if (message.id) lastId = message.id;
          let envelope: { type?: string; subject?: string; data?: unknown };
          try {
            envelope = JSON.parse(message.data) as typeof envelope;
          } catch {
            return;
          }
          const event = { type: (envelope.type ?? message.event).replace(PREFIX, ''), subject: envelope.subject ?? '', data: envelope.data };
          for (const listener of events) listener(event);
        });
        const reader = (response.body as ReadableStream<Uint8Array>).getReader();
        const decoder = new TextDecoder();
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          parser.push(decoder.decode(value, { stream: true }));
        }
      } catch {
        // A dropped stream or a refused connection: try again below.
      }
      if (controller.signal.aborted) return;
      setStatus('reconnecting');
      await new Promise((resolve) => setTimeout(resolve, retryMs));
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    }
  };
  void run();
  return {
    onEvent(listener) {
      events.add(listener);
      return () => void events.delete(listener);
    },
    onStatus(listener) {
      statuses.add(listener);
      listener(status);
      return () => void statuses.delete(listener);
    },
    close: () => controller.abort(),
  };
}

export { startLiveFeed };
export type { LiveFeed, LiveEvent, FeedStatus };
