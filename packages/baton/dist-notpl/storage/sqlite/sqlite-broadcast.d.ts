import type Database from 'better-sqlite3';
import { type Decision, type TaskCommand, type TaskStore, type TaskView } from '@baton/core';
/**
 * Queued broadcast steps, first in queue order. The index is named because
 * SQLite's planner, having no statistics, chose tasks_by_state instead and
 * sorted every queued task: 580 ms a call at a million queued, on every job
 * change and sweep, with the event loop blocked throughout. INDEXED BY also
 * makes the statement fail to prepare if the index could not serve it.
 */
declare const QUEUED_STEPS = "SELECT doc FROM tasks INDEXED BY tasks_broadcast_queued WHERE broadcast = 1 AND state = 'queued' ORDER BY queue_seq LIMIT ?";
/**
 * Broadcast steps on SQLite: fanning queued steps out to the live agents that
 * match them, and ending the copies of an agent that is gone. Both run in one
 * write transaction that settles the jobs they move.
 */
declare function createSqliteBroadcast(params: {
    db: Database.Database;
    apply: (state: TaskView | null, command: TaskCommand, now: number) => Decision<TaskView>;
    write: <T>(fn: (now: number) => T) => T;
    loadTask: (taskId: string) => TaskView | null;
}): Pick<TaskStore, 'fanOutBroadcasts' | 'abandonPinned'>;
export { createSqliteBroadcast, QUEUED_STEPS };
//# sourceMappingURL=sqlite-broadcast.d.ts.map