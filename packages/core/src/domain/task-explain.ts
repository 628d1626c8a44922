import { z } from 'zod';
import { TaskStateSchema, type TaskView } from './task-state.js';

/*
 * "Why isn't my task running?": every reason a task that has not ended is not
 * running now, from a snapshot of the live state the caller gathered. Pure: the
 * engine reads the task, its dependencies, the serial key's holder, the limits
 * and their use, and the live agents, and this says what they mean.
 */

const ExplainCodeSchema = z.enum([
  'scheduled',
  'retry-backoff',
  'dependencies',
  'paused',
  'serial-key',
  'concurrency-limit',
  'rate-limit',
  'no-agent',
  'agents-busy',
  'fan-out-pending',
  'ready',
]);
type ExplainCode = z.infer<typeof ExplainCodeSchema>;

const ExplainReasonSchema = z.object({
  code: ExplainCodeSchema,
  message: z.string(),
  /** When this reason ends by itself (epoch ms): a run time, a backoff, a rate window. Null when something else must happen first. */
  until: z.number().nullable(),
  /** Ids of the tasks this reason names: unfinished dependencies, the serial key's holder. */
  taskIds: z.array(z.string()),
});
type ExplainReason = z.infer<typeof ExplainReasonSchema>;

const TaskExplanationSchema = z.object({
  taskId: z.string(),
  state: TaskStateSchema,
  /** One line for people: the first reason's message, or what the task is doing. */
  summary: z.string(),
  /** Every reason it is not running now, most fundamental first; empty when it runs or has ended. */
  reasons: z.array(ExplainReasonSchema),
  agentId: z.string().nullable(),
});
type TaskExplanation = z.infer<typeof TaskExplanationSchema>;

/** A limit that applies to the task, with how much of it is in use. */
interface LimitInUse {
  scope: string;
  concurrency: number | null;
  running: number;
  rate: { count: number; intervalMs: number; recentStarts: number; oldestRecentStart: number | null } | null;
}

interface ExplainContext {
  task: TaskView;
  now: number;
  paused: boolean;
  /** The task's dependencies that have not succeeded, with their states. */
  pendingDependencies: readonly { taskId: string; key: string | null; state: string }[];
  /** The task ahead of it under its serial key, if any. */
  serialHolder: { taskId: string; state: string } | null;
  limits: readonly LimitInUse[];
  /** Live agents that run its type and match its target, and how many of them have a free slot. */
  agents: { matching: number; withFreeSlots: number };
}

const at = (ms: number) => new Date(ms).toISOString();
const reason = (code: ExplainCode, message: string, extra: { until?: number | null; taskIds?: string[] } = {}): ExplainReason => ({
  code,
  message,
  until: extra.until ?? null,
  taskIds: extra.taskIds ?? [],
});

function limitReasons(limits: readonly LimitInUse[], now: number): ExplainReason[] {
  const reasons: ExplainReason[] = [];
  for (const l of limits) {
    if (l.concurrency !== null && l.running >= l.concurrency) {
      reasons.push(reason('concurrency-limit', `${l.scope} allows ${l.concurrency} running at once and ${l.running} are running; it starts when one ends`));
    }
    if (l.rate !== null && l.rate.recentStarts >= l.rate.count) {
      const frees = l.rate.oldestRecentStart === null ? null : Math.max(now, l.rate.oldestRecentStart + l.rate.intervalMs);
      reasons.push(
        reason('rate-limit', `${l.scope} allows ${l.rate.count} starts per ${l.rate.intervalMs} ms and that many started in the window${frees === null ? '' : `; room again at ${at(frees)}`}`, {
          until: frees,
        }),
      );
    }
  }
  return reasons;
}

function explainTask(context: ExplainContext): TaskExplanation {
  const { task, now } = context;
  const done = (summary: string): TaskExplanation => ({ taskId: task.id, state: task.state, summary, reasons: [], agentId: task.agentId });
  if (task.state === 'running') return done(`running on agent ${task.agentId ?? '(unknown)'}, attempt ${task.attempt} of ${task.maxAttempts}`);
  if (task.state === 'succeeded' || task.state === 'failed' || task.state === 'cancelled') return done(`ended ${task.state}${task.endReason ? ` (${task.endReason})` : ''}`);

  const reasons: ExplainReason[] = [];
  if (task.state === 'blocked') {
    const pending = context.pendingDependencies;
    const list = pending.map((d) => `"${d.key ?? d.taskId}" (${d.state})`).join(', ');
    reasons.push(reason('dependencies', pending.length ? `waits for ${list} to succeed` : 'waits for its dependencies to succeed', { taskIds: pending.map((d) => d.taskId) }));
  }
  if (task.state === 'scheduled') {
    if (task.attempt > 0) {
      reasons.push(reason('retry-backoff', `attempt ${task.attempt} of ${task.maxAttempts} failed; it is retried at ${at(task.runAt)}`, { until: task.runAt }));
    } else {
      reasons.push(reason('scheduled', `due at ${at(task.runAt)}`, { until: task.runAt }));
    }
  }
  if (context.paused) reasons.push(reason('paused', `type "${task.type}" is paused; resume it to let agents claim it`));
  if (task.state === 'queued') {
    const holder = context.serialHolder;
    if (holder && holder.taskId !== task.id) {
      reasons.push(
        reason('serial-key', `task ${holder.taskId} of serial key "${task.serialKey ?? ''}" is ${holder.state === 'running' ? 'running' : 'ahead of it'}; one runs at a time, in order`, {
          taskIds: [holder.taskId],
        }),
      );
    }
    reasons.push(...limitReasons(context.limits, now));
  }
  if (context.agents.matching === 0) {
    reasons.push(reason('no-agent', `no live agent runs "${task.type}"${task.target ? ' and matches its target' : ''}; it waits until one registers`));
  } else if (task.state === 'queued' && task.broadcast) {
    reasons.push(reason('fan-out-pending', `fans out to ${context.agents.matching} matching agent(s) on the next sweep`));
  } else if (task.state === 'queued' && context.agents.withFreeSlots === 0) {
    reasons.push(reason('agents-busy', `all ${context.agents.matching} matching agent(s) are running as many tasks as they may`));
  }
  if (reasons.length === 0) {
    reasons.push(reason('ready', `ready; ${context.agents.withFreeSlots} matching agent(s) have free slots and claim it on their next poll`));
  }
  return { taskId: task.id, state: task.state, summary: reasons[0]?.message ?? '', reasons, agentId: null };
}

export { ExplainCodeSchema, ExplainReasonSchema, TaskExplanationSchema, explainTask };
export type { ExplainCode, ExplainReason, TaskExplanation, ExplainContext, LimitInUse };
