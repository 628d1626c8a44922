import { TERMINAL_EVENT_TYPES, type StoredEvent } from '@baton/core';

/**
 * The fault suite's judge (issue 11): what the system says happened, the
 * event log, against what the load generator was told, the ledger of
 * acknowledged submissions. Pure: the rig gathers both and asks.
 */

/** An acknowledged submission: the server answered, so the task must end, exactly once. */
interface LedgerEntry {
  taskId: string;
  ackedAt: number;
}

/** A fault the rig injected, and when it was healed: epoch ms, compared with event times, so rig and database must share a clock (one machine). */
interface FaultWindow {
  name: string;
  injectedAt: number;
  healedAt: number;
}

interface FaultReport {
  acknowledged: number;
  completed: number;
  /** Acknowledged, never ended. */
  lost: string[];
  /** More than one terminal event. */
  duplicateTerminal: string[];
  /** Stream versions not 1, 2, 3 … in log order. */
  outOfOrder: string[];
  /** A report carrying a fencing token that was not the live claim's, yet recorded. */
  staleWrites: { taskId: string; type: string; token: number; current: number | null }[];
  /** Claims beyond the first of each task: allowed (at-least-once), and counted. */
  reExecutions: number;
  /**
   * Per fault, from its injection: to the end of the last task whose lease was
   * rescued after it (the work the fault hit was done again), or, when no
   * lease was rescued, to the first task ending after it was healed (work went
   * on). Null when nothing ended.
   */
  recoveryMs: { name: string; ms: number | null; rescued: number }[];
}

/** Events that report on a claim and must carry the live claim's token. */
const FENCED = new Set(['TaskSucceeded', 'TaskAttemptFailed', 'TaskReleased', 'TaskProgressed', 'TaskLeaseExtended', 'TaskLeaseExpired']);
/** Events after which no claim is live. */
const CLAIM_ENDS = new Set(['TaskSucceeded', 'TaskAttemptFailed', 'TaskReleased', 'TaskLeaseExpired', 'TaskFailed', 'TaskCancelled']);

function checkFaultRun(params: { ledger: readonly LedgerEntry[]; events: readonly StoredEvent[]; faults?: readonly FaultWindow[] }): FaultReport {
  const streams = new Map<string, StoredEvent[]>();
  for (const event of [...params.events].sort((a, b) => a.seq - b.seq)) {
    let stream = streams.get(event.streamId);
    if (!stream) streams.set(event.streamId, (stream = []));
    stream.push(event);
  }
  const report: FaultReport = { acknowledged: params.ledger.length, completed: 0, lost: [], duplicateTerminal: [], outOfOrder: [], staleWrites: [], reExecutions: 0, recoveryMs: [] };
  const endTimes: number[] = [];
  for (const { taskId } of params.ledger) {
    const stream = streams.get(taskId) ?? [];
    const terminal = stream.filter((e) => TERMINAL_EVENT_TYPES.has(e.type as never));
    if (terminal.length === 0) report.lost.push(taskId);
    else report.completed += 1;
    if (terminal.length > 1) report.duplicateTerminal.push(taskId);
    if (terminal[0]) endTimes.push(terminal[0].time);
  }
  for (const [taskId, stream] of streams) {
    if (stream.some((e, i) => e.version !== i + 1)) report.outOfOrder.push(taskId);
    let current: number | null = null;
    let held = false;
    let claims = 0;
    for (const event of stream) {
      const token = (event.data as { token?: number } | null)?.token;
      if (event.type === 'TaskClaimed') {
        claims += 1;
        current = token ?? null;
        held = true;
        continue;
      }
      if (FENCED.has(event.type) && (token !== current || !held)) report.staleWrites.push({ taskId, type: event.type, token: token ?? -1, current });
      if (CLAIM_ENDS.has(event.type)) held = false;
    }
    report.reExecutions += Math.max(0, claims - 1);
  }
  endTimes.sort((a, b) => a - b);
  const faults = [...(params.faults ?? [])].sort((a, b) => a.injectedAt - b.injectedAt);
  for (const [i, fault] of faults.entries()) {
    // In a run of several faults, a rescue belongs to the latest fault injected before it.
    const until = faults[i + 1]?.injectedAt ?? Number.POSITIVE_INFINITY;
    const hit: number[] = [];
    for (const stream of streams.values()) {
      if (!stream.some((e) => e.type === 'TaskLeaseExpired' && e.time >= fault.injectedAt && e.time < until)) continue;
      const end = stream.find((e) => TERMINAL_EVENT_TYPES.has(e.type as never));
      hit.push(end ? end.time : Number.NaN);
    }
    if (hit.length > 0) {
      const done = hit.every((t) => !Number.isNaN(t));
      report.recoveryMs.push({ name: fault.name, ms: done ? Math.max(...hit) - fault.injectedAt : null, rescued: hit.length });
    } else {
      // Work going on while the fault lasts says nothing of recovery: count to the first end after the heal.
      const next = endTimes.find((t) => t >= fault.healedAt);
      report.recoveryMs.push({ name: fault.name, ms: next === undefined ? null : next - fault.injectedAt, rescued: 0 });
    }
  }
  return report;
}

/** The one line a scenario prints, and whether it passes: no loss, no double end, no disorder, no stale write. */
function summarize(name: string, report: FaultReport): { line: string; ok: boolean } {
  const ok = report.lost.length === 0 && report.duplicateTerminal.length === 0 && report.outOfOrder.length === 0 && report.staleWrites.length === 0;
  const recovery = report.recoveryMs.map((r) => `${r.name} ${r.ms === null ? 'never' : `${r.ms} ms`}${r.rescued ? ` (${r.rescued} leases rescued)` : ''}`).join(', ');
  const line =
    `${name}: acknowledged ${report.acknowledged}, completed ${report.completed}, lost ${report.lost.length}, ` +
    `duplicate terminal ${report.duplicateTerminal.length}, out of order ${report.outOfOrder.length}, stale writes ${report.staleWrites.length}, ` +
    `re-executions ${report.reExecutions}${recovery ? `, recovery: ${recovery}` : ''} — ${ok ? 'PASS' : 'FAIL'}`;
  return { line, ok };
}

export { checkFaultRun, summarize };
export type { LedgerEntry, FaultWindow, FaultReport };
