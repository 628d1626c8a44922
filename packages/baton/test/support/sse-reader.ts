/** One Server-Sent Event as received. */
interface SseMessage {
  id: string | null;
  event: string | null;
  data: string;
}

/**
 * Reads an SSE response until `onMessage` returns false or the stream ends.
 * A small, strict parser for the tests: lines `id:`, `event:`, `data:`, comments ignored.
 */
async function readSse(params: { url: string; headers?: Record<string, string>; signal: AbortSignal; onMessage: (message: SseMessage) => boolean }): Promise<{ status: number }> {
  let response: Response;
  try {
    response = await fetch(params.url, { headers: { accept: 'text/event-stream', ...params.headers }, signal: params.signal });
  } catch (error) {
    if (params.signal.aborted) return { status: 0 };
    throw error;
  }
  if (!response.ok || !response.body) return { status: response.status };
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return { status: response.status };
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const message: SseMessage = { id: null, event: null, data: '' };
        let isEvent = false;
        for (const line of block.split('\n')) {
          if (line.startsWith(':')) continue;
          const [field, ...rest] = line.split(': ');
          const text = rest.join(': ');
          if (field === 'id') message.id = text;
          else if (field === 'event') message.event = text;
          else if (field === 'data') {
            message.data += text;
            isEvent = true;
          }
        }
        if (isEvent && !params.onMessage(message)) {
          await reader.cancel().catch(() => undefined);
          return { status: response.status };
        }
      }
    }
  } catch (error) {
    if (params.signal.aborted) return { status: response.status };
    throw error;
  }
}

export { readSse };
export type { SseMessage };
