import { BatonError, decide, evolve, storedEventData, type NewTask, type StoredTaskEvent, type TaskView } from '@baton/core';
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

/** Fields that do not decide a shape: its id, payload and estimated run time. */
const NOT_SHAPE = new Set(['taskId', 'payload', 'runAt']);

/** What decides a shape: every field of the task but those. */
function shapeKey(task: NewTask): string {
  const { taskId: _id, payload: _payload, runAt: _runAt, ...rest } = task;
  return JSON.stringify(rest);
}

/**
 * Whether two tasks have one shape, without serializing either when their
 * fields are the same values: the tasks of a batch mostly share a shape
 * with the one before them, and a key per task cost 2-3 µs.
 */
function sameShape(a: NewTask, b: NewTask): boolean {
  // Counted with for-in rather than compared as Object.keys: two arrays per task were half of the shapes' allocation.
  let count = 0;
  for (const key in a) {
    count++;
    if (!(key in b)) return false;
    if (NOT_SHAPE.has(key)) continue;
    if (!sameValue(a[key as keyof NewTask], b[key as keyof NewTask])) return false;
  }
  for (const _key in b) count--;
  return count === 0;
}

/** Deep equality of JSON values (key order aside). */
function sameValue(x: unknown, y: unknown): boolean {
  if (x === y) return true;
  if (x === null || y === null || typeof x !== 'object' || typeof y !== 'object' || Array.isArray(x) !== Array.isArray(y)) return false;
  const a = x as Record<string, unknown>;
  const b = y as Record<string, unknown>;
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const key of keys) if (!(key in b) || !sameValue(a[key], b[key])) return false;
  return true;
}

/**
 * Decides each shape once, as of a now of 0 (every time in it is then
 * relative: the statement adds the database's now). Throws the decider's
 * refusal as a BatonError naming the first task of the refused shape.
 */
function shapeBatch(tasks: readonly NewTask[]): ShapedBatch {
  const byKey = new Map<string, number>();
  const shapes: SubmitShape[] = [];
  const shapeOf: number[] = [];
  for (const [i, task] of tasks.entries()) {
    const previous = tasks[i - 1];
    if (previous !== undefined && sameShape(previous, task)) {
      shapeOf.push(shapeOf[i - 1] as number);
      continue;
    }
    const key = shapeKey(task);
    const known = byKey.get(key);
    if (known !== undefined) {
      shapeOf.push(known);
      continue;
    }
    const decision = decide(null, { kind: 'Submit', ...task, now: 0 });
    if (!decision.ok) throw new BatonError({ code: decision.error.code, message: decision.error.message, taskId: task.taskId });
    const [submitted] = decision.value;
    if (!submitted || submitted.type !== 'TaskSubmitted' || decision.value.length !== 1) throw new Error('store invariant broken: a new task has exactly one event');
    const folded = evolve(null, { ...submitted, seq: 0, streamId: task.taskId, version: 1, time: 0 } as StoredTaskEvent);
    const { id: _id, payload: _payload, ...doc } = folded;
    // The statement writes each task's payload and run time beside this (ADR 0031).
    const { payload: _evPayload, runAt: _evRunAt, ...ev } = storedEventData(submitted) as Record<string, unknown>;
    shapes.push({ doc, view: folded, stored: storedDoc(doc), ev });
    byKey.set(key, shapes.length - 1);
    shapeOf.push(shapes.length - 1);
  }
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
  const base: TaskView = { ...shape.view, id: task.taskId, payload: task.payload ?? null, submitSeq: row.seq, queueSeq: row.seq, submittedAt: now, updatedAt: now, runAt: row.runAt };
  if (row.handedTo === null) return base;
  return { ...base, state: 'running', token: 1, attempt: 1, agentId: row.handedTo, leaseExpiresAt: now + leaseMs, version: 2, progress: null };
}

export { shapeBatch, writtenDoc };
export type { ShapedBatch, SubmitShape, WrittenRow };
