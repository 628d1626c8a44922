import { BatonError, type CloudEvent } from '@baton/core';

interface EventsClientOptions {
  url: string;
  token?: string;
  fetch?: typeof fetch;
}

/** An event of the log as the stream delivers it, with the cursor that resumes right after it. */
type StreamedEvent = CloudEvent & { cursor: string };

const RECONNECT_MIN_MS = 100;
const RECONNECT_MAX_MS = 5_000;

/**
 * /v1/events for SDK users: an async iterator over the log that reconnects by
 * itself (with Last-Event-ID, so nothing is missed or repeated) until `signal`
 * aborts. Uses only fetch and web streams, so it runs in Node and in browsers.
 */
function createEventsClient(options: EventsClientOptions) {
  const base = options.url.replace(/\/+$/, '');
  const doFetch = options.fetch ?? globalThis.fetch;

  async function* subscribe(params: { after?: string; stream?: string; types?: readonly string[]; taskTypes?: readonly string[]; signal: AbortSignal }): AsyncGenerator<StreamedEvent> {
    let cursor = params.after ?? null;
    let backoff = RECONNECT_MIN_MS;
    const query = new URLSearchParams();
    if (params.stream) query.set('stream', params.stream);
    if (params.types?.length) query.set('type', params.types.join(','));
    if (params.taskTypes?.length) query.set('taskType', params.taskTypes.join(','));
    while (!params.signal.aborted) {
      let response: Response;
      try {
        response = await doFetch(`${base}/v1/events${query.size ? `?${query}` : ''}`, {
          headers: { accept: 'text/event-stream', ...(options.token ? { authorization: `Bearer ${options.token}` } : {}), ...(cursor ? { 'last-event-id': cursor } : {}) },
          signal: params.signal,
        });
      } catch (error) {
        if (params.signal.aborted) return;
        await pause(backoff, params.signal);
        backoff = Math.min(backoff * 2, RECONNECT_MAX_MS);
        continue;
      }
      if (!response.ok || !response.body) {
        const text = await response.text().catch(() => '');
        // A refusal (bad token, bad filter) will not get better by retrying.
        if (response.status < 500) throw new BatonError({ code: response.status === 401 ? 'UNAUTHENTICATED' : response.status === 403 ? 'FORBIDDEN' : 'VALIDATION_FAILED', message: `event stream refused (${response.status}): ${text.slice(0, 200)}` });
        await pause(backoff, params.signal);
        backoff = Math.min(backoff * 2, RECONNECT_MAX_MS);
        continue;
      }
      backoff = RECONNECT_MIN_MS;
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            let id: string | null = null;
            let data = '';
            for (const line of block.split('\n')) {
              if (line.startsWith('id: ')) id = line.slice(4);
              else if (line.startsWith('data: ')) data += line.slice(6);
            }
            if (!data || id === null) continue;
            cursor = id;
            yield { ...(JSON.parse(data) as CloudEvent), cursor: id };
          }
        }
      } catch {
        if (params.signal.aborted) return;
        // The connection broke: reconnect from the last cursor.
      }
    }
  }

  return { subscribe };
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

type EventsClient = ReturnType<typeof createEventsClient>;

export { createEventsClient };
export type { EventsClient, StreamedEvent };
