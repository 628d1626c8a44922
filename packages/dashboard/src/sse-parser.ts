/** One Server-Sent Event as the stream framed it. */
interface SseMessage {
  id: string | null;
  event: string;
  data: string;
}

/**
 * Frames a text/event-stream body fed in arbitrary chunks (a chunk may end in
 * the middle of a line): a blank line ends a message, `:` lines are comments.
 * The dashboard reads the stream with fetch, not EventSource, because
 * EventSource cannot send the Authorization header.
 */
function createSseParser(onMessage: (message: SseMessage) => void): { push: (chunk: string) => void } {
  let buffer = '';
  let id: string | null = null;
  let event = 'message';
  let data: string[] = [];
  const line = (text: string): void => {
    if (text === '') {
      if (data.length > 0) onMessage({ id, event, data: data.join('\n') });
      event = 'message';
      data = [];
      return;
    }
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    const value = colon === -1 ? '' : text.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'event') event = value;
    else if (field === 'id') id = value;
  };
  return {
    push(chunk: string) {
      buffer += chunk;
      let end: number;
      while ((end = buffer.search(/\r\n|\r|\n/)) !== -1) {
        const newline = buffer.startsWith('\r\n', end) ? 2 : 1;
        // A lone \r at the very end may be the first half of \r\n: wait for the next chunk.
        if (newline === 1 && buffer[end] === '\r' && end === buffer.length - 1) break;
        line(buffer.slice(0, end));
        buffer = buffer.slice(end + newline);
      }
    },
  };
}

export { createSseParser };
export type { SseMessage };
