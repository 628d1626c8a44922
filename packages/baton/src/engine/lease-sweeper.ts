import type { Leadership, TaskStore, TaskView } from '@baton/core';

const SWEEP_BATCH = 500;

/**
 * The supervisor's rescue: every `intervalMs`, while this node leads, tasks
 * whose lease ran out (their agent died, froze, or lost the database) go back
 * to the queue with the attempt counted, or fail when none is left. The store
 * does it with conditional updates, so a completion that wins the race is
 * never overwritten, and two nodes that both think they lead do no harm.
 * A dead agent's task is back in the queue within lease + interval.
 */
function createLeaseSweeper(params: {
  store: TaskStore;
  leadership: Leadership;
  intervalMs: number;
  random: () => number;
  /** Told of each batch rescued, so the engine can wake agents and waiters. */
  onRescued: (tasks: TaskView[]) => void;
  /** Marks lost the agents whose heartbeats stopped (AgentLost), on the same beat. */
  expireAgents: () => Promise<unknown>;
  /** Runs on the same beat while leading: other periodic safety nets (the due timer's re-read). */
  alsoEachBeat?: () => Promise<void>;
  onError: (error: unknown) => void;
}) {
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function sweep(): Promise<void> {
    if (!params.leadership.isLeader()) return;
    for (;;) {
      const rescued = await params.store.expireLeases({ limit: SWEEP_BATCH, random: params.random });
      if (rescued.length > 0) params.onRescued(rescued);
      if (rescued.length < SWEEP_BATCH || stopped) break;
    }
    await params.expireAgents();
    await params.alsoEachBeat?.();
  }

  function beat(): void {
    timer = null;
    running = sweep()
      .catch(params.onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(beat, params.intervalMs);
      });
  }

  return {
    start(): void {
      if (stopped || timer) return;
      timer = setTimeout(beat, params.intervalMs);
    },
    /** Sweeps now (tests, and a node that has just become leader). */
    async sweepNow(): Promise<void> {
      await running;
      await sweep();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running;
    },
  };
}

type LeaseSweeper = ReturnType<typeof createLeaseSweeper>;

export { createLeaseSweeper };
export type { LeaseSweeper };
