import { type Clock, type Decision, type DefinitionRegistry, type Ids, type SqlConnection, type TaskFilter, type TaskOrder, type TaskPage, type TaskExplanation, type TaskStore, type TraceContext, type TaskView } from '@baton/core';
import type { AgentCoverage } from './agent-coverage.js';
import { type SubmitTaskInput } from './submission.js';
import type { Waiters } from './waiters.js';
import type { Handoffs } from './handoff.js';
interface SubmitResult {
    task: TaskView;
    created: boolean;
    /** Present when there is something to know, such as that no live agent can run it yet. */
    warnings?: string[];
}
/** A refused command becomes a BatonError with the domain's code; an accepted one returns the new state. */
declare function orThrow(decision: Decision<TaskView>): TaskView;
/**
 * Tasks for submitters and operators: submit (checked at the edge), read,
 * explain why one waits, cancel, retry, await.
 */
declare function createTaskService(params: {
    store: TaskStore;
    clock: Clock;
    ids: Ids;
    registry: DefinitionRegistry;
    coverage: AgentCoverage;
    waiters: Waiters<TaskView>;
    /** Every state change passes here, so waiters and agents hear of it at once. */
    changed: (task: TaskView) => TaskView;
    /** Tells local agents that a running task was asked to stop. */
    announceCancel: (task: TaskView) => void;
    ensureOpen: () => void;
    /** Idle local agents a new task may go straight to, and the lease their claims get. */
    handoffs: Handoffs;
    leaseMs: number;
}): {
    submit(input: SubmitTaskInput, options?: {
        connection?: SqlConnection;
        trace?: TraceContext | null;
    }): Promise<SubmitResult>;
    submitMany: (params: {
        tasks: readonly unknown[];
        connection?: SqlConnection;
        trace?: TraceContext | null;
    }) => Promise<SubmitResult[]>;
    get(params: {
        taskId: string;
    }): Promise<TaskView>;
    list(params: {
        filter?: TaskFilter;
        limit?: number;
        cursor?: string | null;
        order?: TaskOrder;
    }): Promise<TaskPage>;
    /** Tasks by state and type, the log's head and the agents by liveness, read now: the dashboard's overview. */
    stats(): Promise<{
        at: number;
        tasks: {
            state: string;
            type: string;
            count: number;
        }[];
        eventHead: number;
        agents: Record<"live" | "lost" | "stopped", number>;
    }>;
    /**
     * Every reason the task is not running now, from the live state: its run
     * time or retry backoff, unfinished dependencies, a paused type, the task
     * ahead under its serial key, full limits, and the agents that could run it.
     */
    explain(params: {
        taskId: string;
    }): Promise<TaskExplanation>;
    /** Cancels a task that has not started; for a running one, asks its agent to stop. */
    cancel(params: {
        taskId: string;
        reason?: string;
    }): Promise<TaskView>;
    /** Gives a failed or cancelled task more attempts (one by default); every earlier attempt stays in its history. */
    retry(params: {
        taskId: string;
        attempts?: number;
        reason?: string;
    }): Promise<TaskView>;
    /** Waits until the task ends or the time is up; `done` says which. */
    await(params: {
        taskId: string;
        timeoutMs: number;
    }): Promise<{
        done: boolean;
        task: TaskView;
    }>;
};
export { createTaskService, orThrow };
export type { SubmitResult };
//# sourceMappingURL=task-service.d.ts.map