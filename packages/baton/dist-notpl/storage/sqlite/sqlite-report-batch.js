import { createGroupCommit } from '@baton/core';
/**
 * Reports made together commit together (ADR 0021): one transaction, and with
 * synchronous=FULL one WAL sync, for the batch. Each report runs in a savepoint
 * of its own (a nested transaction), so one that throws takes back only its
 * own writes and fails only its own caller.
 */
function createSqliteReportBatch(params) {
    const { db, reportNow } = params;
    const reports = createGroupCommit({
        maxBatch: 100,
        // better-sqlite3 is synchronous: a batch is done before the next can form, so one in flight is all there is.
        maxInFlight: 1,
        keyOf: (item) => item.taskId,
        flush: async (items) => db
            .transaction(() => items.map((item) => {
            try {
                return { value: reportNow(item.makeCommand) };
            }
            catch (error) {
                return { error };
            }
        }))
            .immediate(),
    });
    return async function report(taskId, makeCommand) {
        const outcome = await reports.run({ taskId, makeCommand });
        if ('error' in outcome)
            throw outcome.error;
        return outcome.value;
    };
}
export { createSqliteReportBatch };
//# sourceMappingURL=sqlite-report-batch.js.map