import { type NewTask, type TaskView } from '@baton/core';
/**
 * A batch of new tasks as shapes and rows. Deciding a submission copies the
 * task's id and payload into its event and its doc and derives nothing from
 * them, so tasks that differ only in id, payload and the node's estimate of
 * their run time (`runAt`, unused when `startsAfterMs` is set) share one
 * decision: Node decides and folds once per shape and sends the shape once,
 * and each task is only its id and payload. A batch of 500 tasks of one type
 * is one decision instead of 500, and a few hundred bytes per task fewer to
 * send and parse.
 */
interface SubmitShape {
    /** The folded doc as of a now of 0, without id and payload (the statement adds them). */
    doc: Omit<TaskView, 'id' | 'payload'>;
    /**
     * The same fold with the id and payload of the shape's first task, for
     * Node only: each task's view copies it and sets its own fields. Copying
     * an object that has every key already is some 50 times faster than
     * spreading `doc` and adding keys (2.7 ms against 0.05 ms a batch of 500).
     */
    view: TaskView;
    /** The doc as the row stores it (pg-task-row.ts): the same for every task of the shape. */
    stored: Record<string, unknown>;
    /** The TaskSubmitted data as of a now of 0 as the log stores it (storedEventData), without the payload and run time. */
    ev: Record<string, unknown>;
}
interface ShapedBatch {
    shapes: SubmitShape[];
    /** For each task, in order, the index of its shape. */
    shapeOf: number[];
}
/**
 * Decides each shape once, as of a now of 0 (every time in it is then
 * relative: the statement adds the database's now). Throws the decider's
 * refusal as a BatonError naming the first task of the refused shape.
 */
declare function shapeBatch(tasks: readonly NewTask[]): ShapedBatch;
/** What the statement decided for one task: its seq, run time, and whether it went straight to an agent. */
interface WrittenRow {
    seq: number;
    runAt: number;
    handedTo: string | null;
}
/**
 * The doc the statement wrote for a task, rebuilt in Node from its shape
 * rather than sent back: the same patches, in the same order, as the SQL.
 */
declare function writtenDoc(params: {
    shape: SubmitShape;
    task: NewTask;
    row: WrittenRow;
    now: number;
    leaseMs: number;
}): TaskView;
export { shapeBatch, writtenDoc };
export type { ShapedBatch, SubmitShape, WrittenRow };
//# sourceMappingURL=pg-submit-shapes.d.ts.map