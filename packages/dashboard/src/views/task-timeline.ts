import type { HistoryResponse } from '@baton/core';

type HistoryEvent = HistoryResponse['events'][number];

/** One attempt as its events tell it: who claimed it, when, and how it ended. */
interface Attempt {
  token: number;
  attempt: number;
  agentId: string;
  claimedAt: string;
  endedAt: string | null;
  outcome: string;
}

const data = (event: HistoryEvent): Record<string, unknown> => (typeof event.data === 'object' && event.data !== null ? (event.data as Record<string, unknown>) : {});

/** The attempts of a task from its history: each claim, until the event that ended it (or none yet). */
function attemptsOf(events: readonly HistoryEvent[]): Attempt[] {
  const attempts: Attempt[] = [];
  let open: Attempt | null = null;
  const close = (event: HistoryEvent, outcome: string): void => {
    if (!open) return;
    open.endedAt = event.time;
    open.outcome = outcome;
    open = null;
  };
  for (const event of events) {
    const d = data(event);
    switch (event.type) {
      case 'TaskClaimed':
        open = { token: Number(d.token), attempt: Number(d.attempt), agentId: String(d.agentId), claimedAt: event.time, endedAt: null, outcome: 'running' };
        attempts.push(open);
        break;
      case 'TaskSucceeded':
        close(event, 'succeeded');
        break;
      case 'TaskAttemptFailed': {
        const error = d.error as { message?: string } | undefined;
        close(event, `failed: ${error?.message ?? 'no message'}`);
        break;
      }
      case 'TaskLeaseExpired':
        close(event, 'lease expired (agent lost)');
        break;
      case 'TaskReleased':
        close(event, `released: ${String(d.reason ?? '')}`);
        break;
      case 'TaskCancelled':
        close(event, 'cancelled');
        break;
    }
  }
  return attempts;
}

/**
 * The timeline as the reader wants it: a run of progress reports (a long task
 * may send hundreds) shows as its last report, with how many it stands for.
 */
function collapseProgress(events: readonly HistoryEvent[]): { event: HistoryEvent; repeats: number }[] {
  const rows: { event: HistoryEvent; repeats: number }[] = [];
  for (const event of events) {
    const last = rows[rows.length - 1];
    if (last && event.type === 'TaskProgressed' && last.event.type === 'TaskProgressed') rows[rows.length - 1] = { event, repeats: last.repeats + 1 };
    else rows.push({ event, repeats: 1 });
  }
  return rows;
}

/** A line saying what an event did, for the timeline. */
function describeEvent(event: HistoryEvent): string {
  const d = data(event);
  switch (event.type) {
    case 'TaskSubmitted':
      return `submitted as ${String(d.taskType ?? '')}`;
    case 'TaskClaimed':
      return `claimed by ${String(d.agentId)} (attempt ${String(d.attempt)}, token ${String(d.token)})`;
    case 'TaskSucceeded':
      return 'succeeded';
    case 'TaskAttemptFailed': {
      const error = d.error as { message?: string } | undefined;
      return `attempt ${String(d.attempt)} failed: ${error?.message ?? ''}${d.retryAt ? `; next attempt at ${new Date(Number(d.retryAt)).toISOString()}` : ''}`;
    }
    case 'TaskLeaseExpired':
      return `lease expired on attempt ${String(d.attempt)}`;
    case 'TaskLeaseExtended':
      return 'lease extended';
    case 'TaskFailed':
      return `failed (${String(d.reason)})`;
    case 'TaskReleased':
      return `released: ${String(d.reason)}`;
    case 'TaskProgressed': {
      const p = d.progress as { done?: number; total?: number; message?: string } | undefined;
      return p && typeof p.done === 'number' ? `progress ${p.done} / ${String(p.total)}${p.message ? ` — ${p.message}` : ''}` : 'progress';
    }
    case 'TaskRetried':
      return `retried (${String(d.reason)}), up to ${String(d.maxAttempts)} attempts`;
    case 'TaskCancelRequested':
      return `cancel requested: ${String(d.reason)}`;
    case 'TaskCancelled':
      return `cancelled: ${String(d.reason)}`;
    case 'TaskReady':
      return 'queued (due)';
    case 'TaskUnblocked':
      return 'unblocked: every dependency succeeded';
    case 'TaskFannedOut':
      return 'fanned out to the matching agents';
    default:
      return event.type;
  }
}

export { attemptsOf, describeEvent, collapseProgress };
export type { Attempt, HistoryEvent };
