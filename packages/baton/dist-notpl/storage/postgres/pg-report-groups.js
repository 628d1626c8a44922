import { createGroupCommit } from '@baton/core';
import { preparedQuery } from './pg-fast-writes.js';
/** Reports per statement: 100 ended ids keep a batch's NOTIFY payload well under PostgreSQL's 8000 bytes. */
const MAX_BATCH = 100;
/** Reads in flight at once: they wait on no flush, so several may run side by side. */
const READS_IN_FLIGHT = 4;
/**
 * Writes in flight at once. Each waits for its WAL flush, and PostgreSQL
 * flushes concurrent commits together; reports that arrive while all four
 * are out gather for the next.
 */
const WRITES_IN_FLIGHT = 4;
/**
 * The two round trips of a fast report (read the row, write if unchanged),
 * each grouped across concurrent reports (ADR 0021).
 */
function createPgReportGroups(params) {
    const { pool, names, sql, fast, pinnedNow } = params;
    const loads = createGroupCommit({
        maxBatch: MAX_BATCH * 2,
        maxInFlight: READS_IN_FLIGHT,
        async flush(ids) {
            const { rows } = await pool.query(preparedQuery(names, 'load_many', sql.loadMany, [ids, pinnedNow()]));
            const row = rows[0];
            return ids.map((id) => ({ now: row.now, doc: row.docs[id] ?? null }));
        },
    });
    const writeGroup = (stamp) => createGroupCommit({
        maxBatch: MAX_BATCH,
        maxInFlight: WRITES_IN_FLIGHT,
        keyOf: (item) => item.before.id,
        flush: (items) => fast.update(pool, items, stamp ? { stamp: { pinnedNow: pinnedNow() } } : {}),
    });
    const writes = writeGroup(false);
    const stampedWrites = writeGroup(true);
    return {
        /** A task's row as it is now, with the database's (or the pinned) clock. */
        load: (taskId) => loads.run(taskId),
        /** The task's new events if its row is still at `before.version`; null when it moved on. */
        write: (item) => writes.run(item),
        /** As `write`, stamped with the statement's now (`PgFastWrites.update`): for events whose fold takes only their time from it. */
        writeStamped: (item) => stampedWrites.run({ ...item, now: item.before.updatedAt }),
    };
}
export { createPgReportGroups };
//# sourceMappingURL=pg-report-groups.js.map