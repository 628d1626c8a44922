import type Database from 'better-sqlite3';
import { type TypeControlCommand, type TypeControlView } from '@baton/core';
/** Pause and resume of task types on SQLite; each call runs inside the caller's transaction. */
declare function createSqliteTypeControls(db: Database.Database): {
    apply: (command: TypeControlCommand, now: number) => TypeControlView;
    list: () => TypeControlView[];
};
export { createSqliteTypeControls };
//# sourceMappingURL=sqlite-type-controls.d.ts.map