import type { StoredEvent, TaskStore } from '@baton/core';

const PAGE = 5_000;

/**
 * Writes the log, or a range of it by global event number, as NDJSON: one
 * stored event per line, in order. `write` receives each line with its newline.
 */
async function exportEvents(params: { store: TaskStore; afterSeq?: number; untilSeq?: number; write: (line: string) => Promise<void> | void }): Promise<{ events: number; lastSeq: number | null }> {
  let after = params.afterSeq ?? 0;
  let events = 0;
  let lastSeq: number | null = null;
  for (;;) {
    const page = await params.store.readAll({ afterSeq: after, limit: PAGE });
    for (const event of page) {
      if (params.untilSeq !== undefined && event.seq > params.untilSeq) return { events, lastSeq };
      await params.write(`${JSON.stringify(event)}\n`);
      events += 1;
      lastSeq = event.seq;
    }
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) return { events, lastSeq };
    after = last.seq;
  }
}

/** Reads NDJSON written by `exportEvents` (or an archive) back into events. */
function parseEventLines(text: string): StoredEvent[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredEvent);
}

export { exportEvents, parseEventLines };
