import { open, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { toEventLine } from './event-export.js';
const BATCH = 1_000;
/**
 * Retention: archives the tasks whose type's definition sets `archiveAfterMs`
 * and that ended that long ago (tasks of a job stay with their job). Their
 * events are written to an NDJSON file in `dir` and made durable first (write,
 * fsync, rename); only then are they removed from the hot tables, in one
 * transaction that keeps any task retried in between.
 */
async function archiveEnded(params) {
    const byAge = new Map();
    for (const definition of params.registry.list()) {
        const ms = definition.defaults.archiveAfterMs;
        if (ms === undefined)
            continue;
        byAge.set(ms, [...(byAge.get(ms) ?? []), definition.type]);
    }
    const candidates = [];
    for (const [ms, types] of byAge)
        candidates.push(...(await params.store.archiveCandidates({ types, endedBefore: params.now - ms, limit: BATCH })));
    if (candidates.length === 0)
        return { file: null, tasks: 0, events: 0 };
    const events = candidates.flatMap((c) => c.events).sort((a, b) => a.seq - b.seq);
    const name = `archive-${new Date(params.now).toISOString().replace(/[:.]/g, '-')}-${events[0]?.seq ?? 0}.ndjson`;
    const file = join(params.dir, name);
    const partial = `${file}.partial`;
    const handle = await open(partial, 'w');
    try {
        await handle.writeFile(events.map(toEventLine).join(''));
        await handle.sync();
    }
    finally {
        await handle.close();
    }
    await rename(partial, file);
    const removed = new Set(await params.store.removeArchived({ tasks: candidates.map(({ taskId, version }) => ({ taskId, version })) }));
    return { file, tasks: removed.size, events: candidates.filter((c) => removed.has(c.taskId)).reduce((n, c) => n + c.events.length, 0) };
}
export { archiveEnded };
//# sourceMappingURL=archiver.js.map