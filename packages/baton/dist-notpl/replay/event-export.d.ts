import { type StoredEvent, type TaskStore } from '@baton/core';
/**
 * Writes the log, or a range of it by global event number, as NDJSON: one
 * stored event per line, in order. `write` receives each line with its newline.
 */
declare function exportEvents(params: {
    store: TaskStore;
    afterSeq?: number;
    untilSeq?: number;
    write: (line: string) => Promise<void> | void;
}): Promise<{
    events: number;
    lastSeq: number | null;
}>;
/**
 * One NDJSON line: the event as read (in its type's current shape) and that
 * shape's version, so a later Baton upcasts it like a stored row.
 */
declare function toEventLine(event: StoredEvent): string;
/** Reads NDJSON written by `exportEvents` (or an archive) back into events of the current shapes; a line with no typeVersion is version 1. */
declare function parseEventLines(text: string): StoredEvent[];
export { exportEvents, parseEventLines, toEventLine };
//# sourceMappingURL=event-export.d.ts.map