import { BatonError, decide, evolve, type NewTask, type StoredTaskEvent, type TaskEvent, type TaskView } from '@baton/core';
import { storedDoc } from './pg-task-row.js';

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
  /** The doc as the row stores it (pg-task-row.ts): the same for every task of the shape. */
  stored: Record<string, unknown>;
  /** The TaskSubmitted data as of a now of 0, without the payload. */
  ev: Omit<Extract<TaskEvent, { type: 'TaskSubmitted' }>['data'], 'payload'>;
}

interface ShapedBatch {
  shapes: SubmitShape[];
  /** For each task, in order, the index of its shape. */
  shapeOf: number[];
}

/** What decides a shape: every field of the task but its id, payload and estimated run time. */
function shapeKey(task: NewTask): string {
  const { taskId: _id, payload: _payload, runAt: _runAt, ...rest } = task;
  return JSON.stringify(rest);
}

/**
 * Decides each shape once, as of a now of 0 (every time in it is then
 * relative: the statement adds the database's now). Throws the decider's
 * refusal as a BatonError naming the first task of the refused shape.
 */
function shapeBatch(tasks: readonly NewTask[]): ShapedBatch {
  const byKey = new Map<string, number>();
  const shapes: SubmitShape[] = [];
  const shapeOf = tasks.map((task) => {
    const key = shapeKey(task);
    const known = byKey.get(key);
    if (known !== undefined) return known;
    const decision = decide(null, { kind: 'Submit', ...task, now: 0 });
    if (!decision.ok) throw new BatonError({ code: decision.error.code, message: decision.error.message, taskId: task.taskId });
    const [submitted] = decision.value;
    if (!submitted || submitted.type !== 'TaskSubmitted' || decision.value.length !== 1) throw new Error('store invariant broken: a new task has exactly one event');
    const folded = evolve(null, { ...submitted, seq: 0, streamId: task.taskId, version: 1, time: 0 } as StoredTaskEvent);
    const { id: _id, payload: _payload, ...doc } = folded;
    const { payload: _evPayload, ...ev } = submitted.data;
    shapes.push({ doc, stored: storedDoc(doc), ev });
    byKey.set(key, shapes.length - 1);
    return shapes.length - 1;
  });
  return { shapes, shapeOf };
}

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
function writtenDoc(params: { shape: SubmitShape; task: NewTask; row: WrittenRow; now: number; leaseMs: number }): TaskView {
  const { shape, task, row, now, leaseMs } = params;
  const base = { ...shape.doc, id: task.taskId, payload: task.payload ?? null, submitSeq: row.seq, queueSeq: row.seq, submittedAt: now, updatedAt: now, runAt: row.runAt } as TaskView;
  if (row.handedTo === null) return base;
  return { ...base, state: 'running', token: 1, attempt: 1, agentId: row.handedTo, leaseExpiresAt: now + leaseMs, version: 2, progress: null };
}

export { shapeBatch, writtenDoc };
export type { ShapedBatch, SubmitShape, WrittenRow };
