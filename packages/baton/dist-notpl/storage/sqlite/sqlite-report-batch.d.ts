import type Database from 'better-sqlite3';
import { type Decision, type TaskCommand, type TaskView } from '@baton/core';
type MakeCommand = (now: number) => TaskCommand;
/**
 * Reports made together commit together (ADR 0021): one transaction, and with
 * synchronous=FULL one WAL sync, for the batch. Each report runs in a savepoint
 * of its own (a nested transaction), so one that throws takes back only its
 * own writes and fails only its own caller.
 */
declare function createSqliteReportBatch(params: {
    db: Database.Database;
    reportNow: (makeCommand: MakeCommand) => Decision<TaskView>;
}): (taskId: string, makeCommand: MakeCommand) => Promise<Decision<TaskView>>;
export { createSqliteReportBatch };
//# sourceMappingURL=sqlite-report-batch.d.ts.map