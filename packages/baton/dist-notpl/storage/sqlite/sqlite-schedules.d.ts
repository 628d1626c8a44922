import type Database from 'better-sqlite3';
import { type ScheduleCommand, type ScheduleView } from '@baton/core';
/** Schedules on SQLite: the `schedule:<name>` streams and their projection; each call runs in the caller's transaction. */
declare function createSqliteSchedules(db: Database.Database): {
    apply(command: ScheduleCommand, now: number): ScheduleView | null;
    list: () => ScheduleView[];
};
export { createSqliteSchedules };
//# sourceMappingURL=sqlite-schedules.d.ts.map