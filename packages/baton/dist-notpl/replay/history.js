import { BatonError, foldStream, streamKind } from '@baton/core';
const DEFAULT_PAGE = 1_000;
const MAX_PAGE = 10_000;
/** The streams an id may name, in the order they are tried: a task (or reminder), a job, an agent, a schedule. */
const CANDIDATES = (id) => (id.includes(':') ? [id] : [id, `job:${id}`, `agent:${id}`, `schedule:${id}`]);
/**
 * The whole ordered history of a task, job, agent, reminder or schedule, and
 * its state as of a past time or event number, computed by folding the log.
 */
async function historyOf(params) {
    const limit = Math.min(Math.max(params.limit ?? DEFAULT_PAGE, 1), MAX_PAGE);
    for (const stream of CANDIDATES(params.id)) {
        const all = await params.store.readStream({ streamId: stream });
        if (all.length === 0)
            continue;
        const asOf = params.asOf;
        const events = asOf === undefined ? all : all.filter((e) => ('time' in asOf ? e.time <= asOf.time : e.seq <= asOf.seq));
        const page = events.filter((e) => e.version > (params.after ?? 0)).slice(0, limit);
        const last = page[page.length - 1];
        const more = last !== undefined && events[events.length - 1] !== last;
        return { stream, kind: streamKind(stream).kind, events: page, nextAfter: more ? last.version : null, state: events.length ? foldStream(events) : null };
    }
    throw new BatonError({ code: 'STREAM_NOT_FOUND', message: `no task, job, agent or schedule has the id "${params.id}"` });
}
export { historyOf };
//# sourceMappingURL=history.js.map