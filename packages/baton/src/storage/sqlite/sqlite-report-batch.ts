import type Database from 'better-sqlite3';
import { createGroupCommit, type Decision, type TaskCommand, type TaskView } from '@baton/core';

type MakeCommand = (now: number) => TaskCommand;

/**
 * Reports made together commit together (ADR 0021): one transaction, and with
 * synchronous=FULL one WAL sync, for the batch. Each report runs in a savepoint
 * of its own (a nested transaction), so one that throws takes back only its
 * own writes and fails only its own caller.
 */
function createSqliteReportBatch(params: { db: Database.Database; reportNow: (makeCommand: MakeCommand) => Decision<TaskView> }) {
  const { db, reportNow } = params;
  const reports = createGroupCommit<{ item: { taskId: string; makeCommand: MakeCommand }; result: { value: Decision<TaskView> } | { error: unknown } }>({
    maxBatch: 100,
    // better-sqlite3 is synchronous: a batch is done before the next can form, so one in flight is all there is.
    maxInFlight: 1,
    keyOf: (item) => item.taskId,
    flush: async (items) =>
      db
        .transaction(() =>
          items.map((item) => {
            try {
              return { value: reportNow(item.makeCommand) };
            } catch (error) {
              return { error };
            }
          }),
        )
        .immediate(),
  });

  return async function report(taskId: string, makeCommand: MakeCommand): Promise<Decision<TaskView>> {
    const outcome = await reports.run({ taskId, makeCommand });
    if ('error' in outcome) throw outcome.error;
    return outcome.value;
  };
}

export { createSqliteReportBatch };
