import { type Clock, type DefinitionRegistry, type AgentInfo, type AgentState, type ClusterBus, type Ids, type Leadership, type RateLimit, type TaskStore, type TaskView } from '@baton/core';
import { type SubmitResult } from './task-service.js';
import { type CancelListener } from './agent-work.js';
import type { SubmitTaskInput } from './submission.js';
import { type AsOf } from '../replay/history.js';
import type { Workflow } from '../workflows/workflow-loader.js';
interface EngineLogger {
    warn(obj: object, msg: string): void;
    error(obj: object, msg: string): void;
    /** Failures, retries and cancels of running tasks, with their task and job ids (`task-log.ts`). */
    info?(obj: object, msg: string): void;
    /** Claims and successes, one line per task. */
    debug?(obj: object, msg: string): void;
}
interface EngineOptions {
    store: TaskStore;
    clock: Clock;
    ids: Ids;
    registry: DefinitionRegistry;
    logger: EngineLogger;
    /** Source of jitter for retry backoff; Math.random unless a test pins it. */
    random?: () => number;
    /** How long a claim holds a task without a heartbeat before the supervisor takes it back. */
    leaseMs?: number;
    /** How often the leader looks for expired leases (and re-reads due times as a safety net). */
    sweepIntervalMs?: number;
    /** Safety-net poll for awaits, in case a task ends in another process. */
    awaitPollMs?: number;
    /** Retention: where archived tasks' events are written (NDJSON); without it nothing is archived. */
    archiveDir?: string;
    /** Named workflows, started by their events (loaded from a folder of YAML files by the app). */
    workflows?: readonly Workflow[];
    /** On a shared database: signals from the other nodes, and who leads. Absent when this node is alone. */
    cluster?: {
        bus: ClusterBus;
        leadership: Leadership;
    };
}
/**
 * The scheduler and the agent-facing side of one Baton node: validation at the
 * edge, the store for every state change, and the wake-ups that make it quick
 * (due timer, work signal, await and cancel notices).
 */
declare function createEngine(options: EngineOptions): {
    tasks: {
        submit(input: SubmitTaskInput, options?: {
            connection?: import("@baton/core").SqlConnection;
            trace?: import("@baton/core").TraceContext | null;
        }): Promise<SubmitResult>;
        submitMany: (params: {
            tasks: readonly unknown[];
            connection?: import("@baton/core").SqlConnection;
            trace?: import("@baton/core").TraceContext | null;
        }) => Promise<SubmitResult[]>;
        get(params: {
            taskId: string;
        }): Promise<TaskView>;
        list(params: {
            filter?: import("@baton/core").TaskFilter;
            limit?: number;
            cursor?: string | null;
            order?: import("@baton/core").TaskOrder;
        }): Promise<import("@baton/core").TaskPage>;
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
        explain(params: {
            taskId: string;
        }): Promise<import("@baton/core").TaskExplanation>;
        cancel(params: {
            taskId: string;
            reason?: string;
        }): Promise<TaskView>;
        retry(params: {
            taskId: string;
            attempts?: number;
            reason?: string;
        }): Promise<TaskView>;
        await(params: {
            taskId: string;
            timeoutMs: number;
        }): Promise<{
            done: boolean;
            task: TaskView;
        }>;
    };
    jobs: {
        submit: (input: import("./job-submission.js").SubmitJobInput | unknown, options?: {
            workflow?: string;
            trace?: import("@baton/core").TraceContext | null;
        }) => Promise<import("./job-service.js").SubmittedJob>;
        get: (jobId: string) => Promise<import("./job-service.js").JobWithTasks>;
        list: (query: {
            states?: readonly import("@baton/core").JobState[];
            limit?: number;
            cursor?: string | null;
        }) => Promise<import("@baton/core").JobPage>;
        cancel: (jobIdParams: {
            jobId: string;
            reason?: string;
        }) => Promise<import("./job-service.js").JobWithTasks>;
        await: (awaitParams: {
            jobId: string;
            timeoutMs: number;
        }) => Promise<{
            done: boolean;
        } & import("./job-service.js").JobWithTasks>;
    };
    /** Recurring tasks by cron expression and time zone, fired on the leader, one task per tick. */
    schedules: {
        define(input: unknown): Promise<import("@baton/core").ScheduleView>;
        list: () => Promise<{
            name: string;
            cron: string;
            timezone: string;
            task: Record<string, unknown>;
            overlap: "skip" | "allow";
            missed: "skip" | "run-once";
            paused: boolean;
            removed: boolean;
            definedAt: number;
            lastTick: number | null;
            lastTaskId: string | null;
            updatedAt: number;
            version: number;
        }[]>;
        get: (name: string) => Promise<import("@baton/core").ScheduleView>;
        pause(name: string): Promise<{
            name: string;
            cron: string;
            timezone: string;
            task: Record<string, unknown>;
            overlap: "skip" | "allow";
            missed: "skip" | "run-once";
            paused: boolean;
            removed: boolean;
            definedAt: number;
            lastTick: number | null;
            lastTaskId: string | null;
            updatedAt: number;
            version: number;
        }>;
        resume(name: string): Promise<{
            name: string;
            cron: string;
            timezone: string;
            task: Record<string, unknown>;
            overlap: "skip" | "allow";
            missed: "skip" | "run-once";
            paused: boolean;
            removed: boolean;
            definedAt: number;
            lastTick: number | null;
            lastTaskId: string | null;
            updatedAt: number;
            version: number;
        }>;
        remove(name: string): Promise<{
            name: string;
            cron: string;
            timezone: string;
            task: Record<string, unknown>;
            overlap: "skip" | "allow";
            missed: "skip" | "run-once";
            paused: boolean;
            removed: boolean;
            definedAt: number;
            lastTick: number | null;
            lastTaskId: string | null;
            updatedAt: number;
            version: number;
        }>;
        nextTick: (s: import("@baton/core").ScheduleView) => number | null;
        start: () => void;
        runNow: () => Promise<void>;
        stop: () => Promise<void>;
    };
    /** Workflows by name, and the triggers that start them. */
    workflows: {
        list: () => readonly Workflow[];
        trigger(trigger: {
            event: string;
            payload: unknown;
        }): Promise<import("./job-service.js").SubmittedJob>;
    };
    /** API tokens: issue, revoke, verify; the HTTP server's auth reads them. */
    tokens: {
        issue(input: {
            name: string;
            scopes: import("@baton/core").TokenScope[];
        }): Promise<{
            token: string;
            view: import("@baton/core").TokenView;
        }>;
        bootstrapAdmin(): Promise<string | null>;
        revoke(input: {
            tokenId: string;
            reason?: string;
        }): Promise<import("@baton/core").TokenView>;
        list: () => Promise<{
            id: string;
            name: string;
            scopes: ("submit" | "admin" | "read" | "agent")[];
            hash: string;
            revoked: boolean;
            issuedAt: number;
            updatedAt: number;
            version: number;
        }[]>;
        verify(text: string): Promise<import("@baton/core").TokenView | null>;
    };
    types: {
        /** No agent claims the type until it is resumed; its tasks wait, running ones finish. */
        pause(params: {
            taskType: string;
            reason?: string;
        }): Promise<{
            type: string;
            paused: boolean;
            reason: string | null;
            updatedAt: number;
            version: number;
        }>;
        resume(params: {
            taskType: string;
        }): Promise<{
            type: string;
            paused: boolean;
            reason: string | null;
            updatedAt: number;
            version: number;
        }>;
        list: () => Promise<{
            type: string;
            paused: boolean;
            reason: string | null;
            updatedAt: number;
            version: number;
        }[]>;
    };
    limits: {
        set(params: {
            scope: string;
            concurrency: number | null;
            rate: RateLimit | null;
        }): Promise<{
            scope: string;
            concurrency: number | null;
            rate: {
                count: number;
                intervalMs: number;
            } | null;
            updatedAt: number;
            version: number;
        }>;
        list: () => Promise<{
            scope: string;
            concurrency: number | null;
            rate: {
                count: number;
                intervalMs: number;
            } | null;
            updatedAt: number;
            version: number;
        }[]>;
    };
    agents: {
        list: (params?: {
            states?: readonly AgentState[];
        }) => Promise<AgentInfo[]>;
        get(params: {
            agentId: string;
        }): Promise<AgentInfo>;
    };
    events: {
        readAll: (params: {
            afterSeq: number;
            limit: number;
        }) => Promise<{
            seq: number;
            streamId: string;
            version: number;
            type: string;
            data: unknown;
            time: number;
        }[]>;
        readStream: (params: {
            streamId: string;
        }) => Promise<{
            seq: number;
            streamId: string;
            version: number;
            type: string;
            data: unknown;
            time: number;
        }[]>;
        /** The feed for subscribers: every committed event once, resumable by cursor. */
        readFeed: (params: {
            cursor: string | null;
            limit: number;
        }) => Promise<import("@baton/core").FeedPage>;
        /** A cursor past everything committed so far: a subscriber that starts there sees only what comes next. */
        feedTail: () => Promise<string>;
        /** A wake-up when events may have been written; readers still poll, for writes it does not see. */
        subscribe: () => import("./work-signal.js").WorkSubscription;
        /**
         * Registers an event-stream reader for the metrics: it says after each
         * page whether more is waiting (a full page), and closes when it ends.
         */
        track(): {
            page(full: boolean): void;
            close: () => undefined;
        };
        /** The ordered history of a task, job, agent, reminder or schedule, and its state as of a past time or event number. */
        history: (params: {
            id: string;
            asOf?: AsOf;
            after?: number;
            limit?: number;
        }) => Promise<import("../replay/history.js").History>;
    };
    work: {
        claim(params: {
            agentId: string;
            types: readonly string[];
            limit: number;
        }): Promise<import("@baton/core").ClaimedTask[]>;
        claimOrWait(params: {
            agentId: string;
            types: readonly string[];
            limit: number;
            waitMs: number;
            signal?: AbortSignal;
        }): Promise<import("@baton/core").ClaimedTask[]>;
        succeed(params: {
            taskId: string;
            token: number;
            result: unknown;
        }): Promise<TaskView>;
        fail(params: {
            taskId: string;
            token: number;
            error: import("@baton/core").ErrorInfo;
            retryable: boolean;
            retryAfterMs?: number | null;
        }): Promise<TaskView>;
        release(params: {
            taskId: string;
            token: number;
            reason: string;
        }): Promise<TaskView>;
        progress(params: {
            taskId: string;
            token: number;
            progress: unknown;
        }): Promise<TaskView>;
        confirmCancel(params: {
            taskId: string;
            token: number;
        }): Promise<TaskView>;
        register(params: {
            agent: import("@baton/core").NewAgent;
        }): Promise<import("@baton/core").AgentView>;
        pendingCancels(params: {
            agentId: string;
        }): Promise<string[]>;
        unregister(params: {
            agentId: string;
            reason: string;
        }): Promise<void>;
        heartbeat(params: {
            agentId: string;
            leases: readonly {
                taskId: string;
                token: number;
            }[];
        }): Promise<import("@baton/core").LeaseRenewal[]>;
        leaseMs: number;
        subscribe(): import("./work-signal.js").WorkSubscription;
        onCancelRequested(listener: CancelListener): () => void;
    };
    definitions: DefinitionRegistry;
    /** Prometheus metrics of this node (its own registry), served at /metrics. */
    metrics: import("prom-client").Registry<"text/plain; version=0.0.4; charset=utf-8">;
    /** Retention's archiving, run now rather than on the next minute. */
    archiveNow: () => Promise<{
        file: string | null;
        tasks: number;
        events: number;
    }>;
    /** The supervisor's sweep, run now rather than on its next beat. */
    sweepNow: () => Promise<void>;
    /** Throws when this node cannot claim and commit right now. */
    checkReady(): Promise<void>;
    isLeader: () => boolean;
    /** Arms the due timer from what the store holds (tasks delayed before a restart) and starts the sweep. */
    start(): Promise<void>;
    close(): Promise<void>;
};
type Engine = ReturnType<typeof createEngine>;
export { createEngine };
export type { Engine, EngineOptions, EngineLogger, SubmitResult };
//# sourceMappingURL=engine.d.ts.map