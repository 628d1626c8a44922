import type { NewTask, PromotionHandoff, TaskView } from '@baton/core';

/**
 * Hands a task submitted on this node straight to one of its agents that is
 * waiting for work, claimed in the same write as the submission (ADR 0026).
 * A task submitted to an idle agent otherwise takes two commits before its
 * handler starts: the submit, then the claim its wake-up sends. This one
 * starts after the first.
 *
 * Only an agent that found nothing to claim is offered work, so no task queued
 * before is passed over; and only a task that nothing else could hold back: no
 * run time of its own, no target, serial key, limit key, job or broadcast, and
 * no idempotency key (which may name a task that exists already). The
 * store checks the rest (a paused type, limits on the type) and submits the
 * task as usual when any applies.
 */
interface IdleClaimer {
  agentId: string;
  types: ReadonlySet<string>;
  /** Free slots: how many tasks it asked for. */
  limit: number;
}

/** What a claimer waiting for work holds: the tasks handed to it, once a submission in flight has settled. */
interface HandoffWait {
  /** Resolves when tasks were handed to this claimer. */
  readonly offered: Promise<void>;
  /** Stops offering; waits for a submission that reserved this claimer to settle, and returns what it was handed. */
  close(): Promise<TaskView[]>;
}

/** A submission's reservation of idle claimers: which agent each task goes to, settled once the store has answered. */
interface Reservation {
  agents: ReadonlyMap<string, string>;
  /** The tasks as the store wrote them (none when the write failed); those claimed by their reserved agent are delivered. */
  settle(written: readonly TaskView[]): void;
}

interface Handoffs {
  wait(claimer: IdleClaimer): HandoffWait;
  /** Idle claimers for these new tasks, or null when none would take any. */
  reserve(tasks: readonly NewTask[]): Reservation | null;
  /** One idle claimer, for due tasks about to be promoted: which they will be, only the store knows. */
  reserveOne(): { claimer: IdleClaimer; settle(written: readonly TaskView[]): void } | null;
}

/** A task no claim condition could hold back, other than what only the store knows. */
function mayHandOff(task: NewTask): boolean {
  return (
    task.startsAfterMs === 0 &&
    task.idempotencyKey === null &&
    !task.job &&
    !task.broadcast &&
    !task.target &&
    (task.serialKey ?? null) === null &&
    (task.limitKey ?? null) === null &&
    (task.parentId ?? null) === null
  );
}

interface Entry {
  claimer: IdleClaimer;
  reserved: Promise<void> | null;
  handed: TaskView[];
  closed: boolean;
  wake: () => void;
}

function createHandoffs(): Handoffs {
  const idle = new Set<Entry>();

  /**
   * Takes these claimers out of the idle set while a write is in flight (no
   * other write can promise them the same slots); the returned settle hands
   * each what the store claimed for it, or puts it back to wait.
   */
  function hold(entries: Entry[]): (written: readonly TaskView[]) => void {
    let settled: () => void = () => undefined;
    const reserved = new Promise<void>((resolve) => {
      settled = resolve;
    });
    for (const entry of entries) {
      idle.delete(entry);
      entry.reserved = reserved;
    }
    return (written) => {
      for (const entry of entries) {
        entry.handed = written.filter((t) => t.state === 'running' && t.agentId === entry.claimer.agentId);
        entry.reserved = null;
        // Nothing handed after all (a paused type, a failed write): it goes on waiting.
        if (entry.handed.length > 0) entry.wake();
        else if (!entry.closed) idle.add(entry);
      }
      settled();
    };
  }

  return {
    wait(claimer) {
      let wake = () => undefined as void;
      const offered = new Promise<void>((resolve) => {
        wake = resolve;
      });
      const entry: Entry = { claimer, reserved: null, handed: [], closed: false, wake };
      idle.add(entry);
      return {
        offered,
        async close() {
          entry.closed = true;
          idle.delete(entry);
          if (entry.reserved) await entry.reserved;
          return entry.handed;
        },
      };
    },

    reserve(tasks) {
      if (idle.size === 0) return null;
      const agents = new Map<string, string>();
      const taken = new Map<Entry, number>();
      for (const task of tasks) {
        if (!mayHandOff(task)) continue;
        for (const entry of idle) {
          const used = taken.get(entry) ?? 0;
          if (used >= entry.claimer.limit || !entry.claimer.types.has(task.taskType)) continue;
          taken.set(entry, used + 1);
          agents.set(task.taskId, entry.claimer.agentId);
          break;
        }
      }
      if (taken.size === 0) return null;
      return { agents, settle: hold([...taken.keys()]) };
    },

    reserveOne() {
      const [entry] = idle;
      if (!entry) return null;
      return { claimer: entry.claimer, settle: hold([entry]) };
    },
  };
}

/**
 * Promotes due tasks, handing those of one idle claimer's types to it in the
 * promotion's own write (TaskReady, TaskClaimed). Returns what was promoted,
 * handed over or not.
 */
async function promoteHandingOver(params: {
  handoffs: Handoffs;
  leaseMs: number;
  promote: (handoff: PromotionHandoff | undefined) => Promise<TaskView[]>;
}): Promise<TaskView[]> {
  const offer = params.handoffs.reserveOne();
  let promoted: TaskView[] = [];
  try {
    const { claimer } = offer ?? {};
    promoted = await params.promote(claimer ? { agentId: claimer.agentId, types: [...claimer.types], limit: claimer.limit, leaseMs: params.leaseMs } : undefined);
  } finally {
    offer?.settle(promoted);
  }
  return promoted;
}

export { createHandoffs, mayHandOff, promoteHandingOver };
export type { Handoffs, HandoffWait, Reservation, IdleClaimer };
