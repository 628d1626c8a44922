import type { Leadership, TaskStore, TaskView } from '@baton/core';
/**
 * The supervisor's rescue: every `intervalMs`, while this node leads, tasks
 * whose lease ran out (their agent died, froze, or lost the database) go back
 * to the queue with the attempt counted, or fail when none is left. The store
 * does it with conditional updates, so a completion that wins the race is
 * never overwritten, and two nodes that both think they lead do no harm.
 * A dead agent's task is back in the queue within lease + interval.
 */
declare function createLeaseSweeper(params: {
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
}): {
    start(): void;
    /** Sweeps now (tests, and a node that has just become leader). */
    sweepNow(): Promise<void>;
    stop(): Promise<void>;
};
type LeaseSweeper = ReturnType<typeof createLeaseSweeper>;
export { createLeaseSweeper };
export type { LeaseSweeper };
//# sourceMappingURL=lease-sweeper.d.ts.map