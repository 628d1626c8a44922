import type { TaskCommand } from './task-commands.js';
import type { JobEvent } from './job-events.js';
import type { JobView } from './job-state.js';
import { SKIPPED_REASON } from './task-decider.js';
import { isTerminal, type TaskView } from './task-state.js';

interface JobAdvance {
  /** Commands for the job's tasks, to decide and apply in order. */
  commands: TaskCommand[];
  /** The job's own events (its end), decided once no task command is left. */
  events: JobEvent[];
}

const endedBadly = (task: TaskView | undefined): boolean => !!task && (task.state === 'failed' || task.state === 'cancelled');

/**
 * How a job moves on, given its state and the state of all its tasks (the
 * graph's tasks and any broadcast copies): unblock tasks whose dependencies all
 * succeeded, cancel what can no longer run, end broadcast steps whose copies
 * have all ended, and end the job when every task has. Pure; the store calls it
 * again after applying the commands, until it returns nothing.
 */
function advanceJob(params: { job: JobView; tasks: ReadonlyMap<string, TaskView>; now: number }): JobAdvance {
  const { job, tasks, now } = params;
  if (job.state !== 'running') return { commands: [], events: [] };
  const commands: TaskCommand[] = [];
  const byKey = new Map(job.tasks.map((ref) => [ref.key, tasks.get(ref.taskId)]));
  const firstBad = job.tasks.find((ref) => endedBadly(tasks.get(ref.taskId)));
  const stopReason = job.cancelRequested
    ? `the job was cancelled: ${job.endReason ?? 'by request'}`
    : job.failurePolicy === 'fail-fast' && firstBad
      ? `fail-fast: task ${firstBad.key} ${tasks.get(firstBad.taskId)?.state ?? 'ended'}`
      : null;

  for (const ref of job.tasks) {
    const task = tasks.get(ref.taskId);
    if (!task || isTerminal(task.state)) continue;
    if (stopReason !== null) {
      if (!task.cancelRequested) commands.push({ kind: 'Cancel', taskId: task.id, reason: stopReason });
      continue;
    }
    if (task.state !== 'blocked') continue;
    const deps = ref.dependsOn.map((key) => ({ key, task: byKey.get(key) }));
    const bad = deps.find((d) => endedBadly(d.task));
    if (bad) commands.push({ kind: 'Cancel', taskId: task.id, reason: `dependency ${bad.key} ${bad.task?.state ?? 'ended'}` });
    else if (deps.every((d) => d.task?.state === 'succeeded')) commands.push({ kind: 'Unblock', taskId: task.id, now });
  }

  for (const step of tasks.values()) {
    if (!step.fanout || step.state !== 'running') continue;
    const copies = step.fanout.childIds.map((id) => tasks.get(id));
    const failed = copies.some((c) => c?.state === 'failed' || (c?.state === 'cancelled' && c.endReason !== SKIPPED_REASON));
    // One copy that failed fails the step: the others are stopped rather than left to finish.
    const stop = step.cancelRequested ? 'its step was cancelled' : failed ? 'another copy of its step failed' : null;
    if (stop) {
      for (const copy of copies) if (copy && !isTerminal(copy.state) && !copy.cancelRequested) commands.push({ kind: 'Cancel', taskId: copy.id, reason: stop });
    }
    if (!copies.every((c) => c && isTerminal(c.state))) continue;
    const result = Object.fromEntries(copies.filter((c) => c?.state === 'succeeded').map((c) => [c?.target?.agentId ?? '', c?.result ?? null]));
    commands.push({ kind: 'EndBroadcast', taskId: step.id, outcome: failed ? 'failed' : 'succeeded', result });
  }

  if (commands.length > 0) return { commands, events: [] };
  if (!job.tasks.every((ref) => { const t = tasks.get(ref.taskId); return !!t && isTerminal(t.state); })) return { commands, events: [] };
  if (job.tasks.every((ref) => tasks.get(ref.taskId)?.state === 'succeeded')) return { commands, events: [{ type: 'JobSucceeded', data: {} }] };
  if (job.cancelRequested) return { commands, events: [{ type: 'JobCancelled', data: { reason: job.endReason ?? 'cancelled by request' } }] };
  const failedKeys = job.tasks.filter((ref) => endedBadly(tasks.get(ref.taskId))).map((ref) => ref.key);
  return { commands, events: [{ type: 'JobFailed', data: { failedKeys } }] };
}

/**
 * Whether a change to one of a job's tasks can move the job on, so its
 * cascade must run with it: the task ended, or a broadcast step was asked to
 * stop (its copies must be stopped too).
 */
function movesJob(before: TaskView | null, after: TaskView): boolean {
  if (after.jobId === null) return false;
  if (isTerminal(after.state) && !(before && isTerminal(before.state))) return true;
  return after.fanout !== null && after.cancelRequested && !before?.cancelRequested;
}

export { advanceJob, movesJob };
export type { JobAdvance };
