import { currentTypeVersion, upcastEvent } from '@baton/core';
const PAGE = 5_000;
/**
 * Writes the log, or a range of it by global event number, as NDJSON: one
 * stored event per line, in order. `write` receives each line with its newline.
 */
async function exportEvents(params) {
    let after = params.afterSeq ?? 0;
    let events = 0;
    let lastSeq = null;
    for (;;) {
        const page = await params.store.readAll({ afterSeq: after, limit: PAGE });
        for (const event of page) {
            if (params.untilSeq !== undefined && event.seq > params.untilSeq)
                return { events, lastSeq };
            await params.write(toEventLine(event));
            events += 1;
            lastSeq = event.seq;
        }
        const last = page[page.length - 1];
        if (!last || page.length < PAGE)
            return { events, lastSeq };
        after = last.seq;
    }
}
/**
 * One NDJSON line: the event as read (in its type's current shape) and that
 * shape's version, so a later Baton upcasts it like a stored row.
 */
function toEventLine(event) {
    return `${JSON.stringify({ ...event, typeVersion: currentTypeVersion(event.type) })}\n`;
}
/** Reads NDJSON written by `exportEvents` (or an archive) back into events of the current shapes; a line with no typeVersion is version 1. */
function parseEventLines(text) {
    return text
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => {
        const { typeVersion, ...event } = JSON.parse(line);
        return upcastEvent({ event, typeVersion: typeVersion ?? 1 });
    });
}
export { exportEvents, parseEventLines, toEventLine };
//# sourceMappingURL=event-export.js.map