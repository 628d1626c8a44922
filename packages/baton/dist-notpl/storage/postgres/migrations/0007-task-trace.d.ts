import type { PgNames } from '../pg-schema.js';
/**
 * Tasks carry their submitter's trace context (TaskSubmitted version 3). A
 * task submitted before had none: its row gets `trace: null`, which is what
 * the fold of its upcast events gives, so the row stays the fold of the log.
 */
declare const migration0007: {
    id: number;
    name: string;
    sql: (n: PgNames) => string;
};
export { migration0007 };
//# sourceMappingURL=0007-task-trace.d.ts.map