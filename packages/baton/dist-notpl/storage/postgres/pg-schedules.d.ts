import { type ScheduleCommand, type ScheduleView, type SqlConnection } from '@baton/core';
import { type PgNames } from './pg-schema.js';
/** Schedules on PostgreSQL, in the caller's transaction; the row lock serializes two nodes recording one tick. */
declare function createPgSchedules(params: {
    names: PgNames;
    pinnedNow: () => number | null;
}): {
    apply(q: SqlConnection, command: ScheduleCommand): Promise<ScheduleView | null>;
    list(q: SqlConnection): Promise<ScheduleView[]>;
};
export { createPgSchedules };
//# sourceMappingURL=pg-schedules.d.ts.map