import { type Clock, type TaskStore, type TaskTarget, type TaskView } from '@baton/core';
declare function describeTarget(type: string, target: TaskTarget | null): string;
/**
 * Which live agents could run a task: for the warning (or refusal) at
 * submission, and for saying why a waiting task waits. The live list is read
 * at most once per `ttlMs`, concurrent reads are one read, and a submission
 * the list it holds covers does not wait for the next read: that goes on in
 * the background. A warning is only given on a list read after the list it
 * holds expired, and a refusal only on a read that starts after it was asked
 * for.
 */
declare function createAgentCoverage(params: {
    store: TaskStore;
    clock: Clock;
    ttlMs?: number;
}): {
    /**
     * The warnings for each submitted spec no live agent can run (empty lists
     * when every one has an agent), or NO_AGENT_CAN_RUN for a spec that asked
     * to be refused in that case. A warning may lag a registration by `ttlMs`;
     * a refusal always reads the registry afresh.
     */
    screen(params: {
        specs: readonly {
            type: string;
            target: TaskTarget | null;
            refuse: boolean;
        }[];
        pathOf: (index: number) => string;
    }): Promise<(readonly string[])[]>;
    /** Reads the live agents now (an agent registered here), so submissions need not; a failed read is left for the next. */
    refresh(): Promise<void>;
    /** The live agents (read afresh) that run this task's type and match its target, and how many of them have a free slot. */
    matching(task: Pick<TaskView, "type" | "target">): Promise<{
        matching: number;
        withFreeSlots: number;
    }>;
};
type AgentCoverage = ReturnType<typeof createAgentCoverage>;
export { createAgentCoverage, describeTarget };
export type { AgentCoverage };
//# sourceMappingURL=agent-coverage.d.ts.map