import { createReplay, diffProjections, emptyProjections } from '@baton/core';
const PAGE = 5_000;
/** The key each projection's doc is known by: the same key the replay derives from the stream id. */
const KEY_OF = {
    task: (d) => String(d.id),
    job: (d) => String(d.id),
    agent: (d) => String(d.id),
    type: (d) => String(d.type),
    token: (d) => String(d.id),
    limits: (d) => String(d.scope),
    schedule: (d) => String(d.name),
};
/**
 * Folds the whole log into every projection and compares the result with the
 * tables: the invariant, checked on a real database. Read on a quiet database
 * (or read twice): a write that commits while the log is read can show up as
 * a difference that is gone on the next run.
 */
async function checkProjections(params) {
    const replay = createReplay();
    for (let after = 0;;) {
        const page = await params.store.readAll({ afterSeq: after, limit: PAGE });
        for (const event of page)
            replay.add(event);
        const last = page[page.length - 1];
        if (!last || page.length < PAGE)
            break;
        after = last.seq;
    }
    const { projections, events } = replay.result();
    const dump = await params.store.dumpProjections();
    const actual = emptyProjections();
    for (const kind of Object.keys(KEY_OF)) {
        for (const doc of dump[kind])
            actual[kind].set(KEY_OF[kind](doc), doc);
    }
    const counts = Object.fromEntries(Object.keys(KEY_OF).map((k) => [k, projections[k].size]));
    return { events, counts, differences: diffProjections({ expected: projections, actual }) };
}
export { checkProjections };
//# sourceMappingURL=projection-check.js.map