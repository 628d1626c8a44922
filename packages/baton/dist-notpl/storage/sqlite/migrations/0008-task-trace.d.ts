/**
 * Tasks carry their submitter's trace context (TaskSubmitted version 3). A
 * task submitted before had none: its row gets `trace: null`, which is what
 * the fold of its upcast events gives, so the row stays the fold of the log.
 */
declare const migration0008: {
    id: number;
    name: string;
    sql: string;
};
export { migration0008 };
//# sourceMappingURL=0008-task-trace.d.ts.map