import { type AnyDefinition, type DefinitionRegistry, type Clock, type SqlConnection, type TaskDefinition, type TaskView } from '@baton/core';
import { type Agent, type AgentOptions } from '@baton/client';
import { type EngineLogger } from '../engine/engine.js';
import type { SubmitTaskInput } from '../engine/submission.js';
import type { SubmitJobInput } from '../engine/job-submission.js';
import { type Workflow } from '../workflows/workflow-loader.js';
interface BatonOptions {
    /** `sqlite:./baton.db` (the default), `sqlite::memory:`, a file path, or `postgres://user@host/db`. */
    database?: string;
    /** PostgreSQL: the schema for Baton's tables (default `baton`, or `?schema=` in the URL). */
    schema?: string;
    definitions?: readonly TaskDefinition<any>[];
    clock?: Clock;
    logger?: EngineLogger;
    /** How long a claim holds a task without a heartbeat (default 30 s). */
    leaseMs?: number;
    /** How often the leader sweeps for expired leases (default 1 s). */
    sweepIntervalMs?: number;
    /** PostgreSQL: how often a follower tries to become leader (default 1 s). */
    leaderCheckMs?: number;
    /** Retention: archived tasks' events go here as NDJSON (types opt in with `defaults.archiveAfterMs`). */
    archiveDir?: string;
    /** A folder of workflow files (`*.yaml`): named workflows, each started by its event. Checked at start. */
    workflowsDir?: string;
    /**
     * HTTP callbacks and reminders: registers the `http.callback` and `reminder`
     * task types and runs their deliveries in this process. `secret` signs them
     * (Standard Webhooks; `whsec_…`, or BATON_WEBHOOK_SECRET); `allow` lists the
     * CIDRs a callback may reach although they are private or loopback.
     */
    callbacks?: {
        secret?: string;
        allow?: readonly string[];
        concurrency?: number; /** Deliver here (default), or only accept them (an API-only node). */
        run?: boolean;
    };
    /** PostgreSQL: connections kept for this node's queries (default 10). */
    poolSize?: number;
}
/**
 * Baton embedded in your process: the engine, its store, and agents that run
 * handlers in the same process. The only place that picks a storage driver.
 */
declare function createBaton(options?: BatonOptions): Promise<{
    tasks: {
        /**
         * Submits one task. With `{ connection }` (PostgreSQL: your pg client inside
         * your open transaction) the task exists if and only if you commit.
         */
        submit: (input: SubmitTaskInput, params?: {
            connection?: SqlConnection;
        }) => Promise<import("../engine/task-service.js").SubmitResult>;
        submitMany: (params: {
            tasks: readonly SubmitTaskInput[];
            connection?: SqlConnection;
        }) => Promise<import("../engine/task-service.js").SubmitResult[]>;
        get: (params: {
            taskId: string;
        }) => Promise<TaskView>;
        list: (params: {
            filter?: import("@baton/core").TaskFilter;
            limit?: number;
            cursor?: string | null;
            order?: import("@baton/core").TaskOrder;
        }) => Promise<import("@baton/core").TaskPage>;
        /** Why a task is not running: every reason, from the live state (`reasons`, each with `until` when it ends by itself). */
        explain: (params: {
            taskId: string;
        }) => Promise<import("@baton/core").TaskExplanation>;
        cancel: (params: {
            taskId: string;
            reason?: string;
        }) => Promise<TaskView>;
        retry: (params: {
            taskId: string;
            attempts?: number;
            reason?: string;
        }) => Promise<TaskView>;
        /** Resolves with the task once it has ended; throws AWAIT_TIMEOUT if it has not by the deadline. */
        await(params: {
            taskId: string;
            timeoutMs?: number;
        }): Promise<TaskView>;
    };
    /** Jobs: graphs of tasks submitted in one transaction, with broadcast steps and a failure policy. */
    jobs: {
        submit: (input: SubmitJobInput) => Promise<import("../index.js").SubmittedJob>;
        get: (params: {
            jobId: string;
        }) => Promise<import("../index.js").JobWithTasks>;
        list: (query: {
            states?: readonly import("@baton/core").JobState[];
            limit?: number;
            cursor?: string | null;
        }) => Promise<import("@baton/core").JobPage>;
        cancel: (jobIdParams: {
            jobId: string;
            reason?: string;
        }) => Promise<import("../index.js").JobWithTasks>;
        /** Resolves with the job and its tasks once it has ended; throws AWAIT_TIMEOUT if it has not by the deadline. */
        await(params: {
            jobId: string;
            timeoutMs?: number;
        }): Promise<{
            job: import("@baton/core").JobView;
            tasks: TaskView[];
        }>;
    };
    /** Workflows loaded from `workflowsDir`, and `trigger({ event, payload })`, which starts one job. */
    workflows: {
        list: () => readonly Workflow[];
        trigger(trigger: {
            event: string;
            payload: unknown;
        }): Promise<import("../index.js").SubmittedJob>;
    };
    /** Recurring tasks: `define({ name, cron, timezone, task, overlap, missed })`, pause, resume, remove, list. */
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
    /** Pause and resume a task type across the cluster. */
    types: {
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
    /** Concurrency and rate limits per type (`type:<name>`) and per limit key (`key:<name>`), across the cluster. */
    limits: {
        set(params: {
            scope: string;
            concurrency: number | null;
            rate: import("@baton/core").RateLimit | null;
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
        readFeed: (params: {
            cursor: string | null;
            limit: number;
        }) => Promise<import("@baton/core").FeedPage>;
        feedTail: () => Promise<string>;
        subscribe: () => import("../engine/work-signal.js").WorkSubscription;
        track(): {
            page(full: boolean): void;
            close: () => undefined;
        };
        history: (params: {
            id: string;
            asOf?: import("../replay/history.js").AsOf;
            after?: number;
            limit?: number;
        }) => Promise<import("../replay/history.js").History>;
    };
    definitions: {
        register: (definition: TaskDefinition<any>) => void;
        list: () => AnyDefinition[];
    };
    agents: {
        /** Every agent that registered with this database: liveness, load, the tasks it holds. */
        list: (params?: {
            states?: readonly import("@baton/core").AgentState[];
        }) => Promise<import("@baton/core").AgentInfo[]>;
        get: (params: {
            agentId: string;
        }) => Promise<import("@baton/core").AgentInfo>;
        /** An agent in this process. Add handlers with `handle`, then `start()`. */
        create(params?: Omit<AgentOptions, "transport">): Agent;
    };
    /** The engine, for the HTTP server and tests. */
    engine: {
        tasks: {
            submit(input: SubmitTaskInput, options?: {
                connection?: SqlConnection;
                trace?: import("@baton/core").TraceContext | null;
            }): Promise<import("../engine/task-service.js").SubmitResult>;
            submitMany: (params: {
                tasks: readonly unknown[];
                connection?: SqlConnection;
                trace?: import("@baton/core").TraceContext | null;
            }) => Promise<import("../engine/task-service.js").SubmitResult[]>;
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
            submit: (input: SubmitJobInput | unknown, options?: {
                workflow?: string;
                trace?: import("@baton/core").TraceContext | null;
            }) => Promise<import("../index.js").SubmittedJob>;
            get: (jobId: string) => Promise<import("../index.js").JobWithTasks>;
            list: (query: {
                states?: readonly import("@baton/core").JobState[];
                limit?: number;
                cursor?: string | null;
            }) => Promise<import("@baton/core").JobPage>;
            cancel: (jobIdParams: {
                jobId: string;
                reason?: string;
            }) => Promise<import("../index.js").JobWithTasks>;
            await: (awaitParams: {
                jobId: string;
                timeoutMs: number;
            }) => Promise<{
                done: boolean;
            } & import("../index.js").JobWithTasks>;
        };
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
        workflows: {
            list: () => readonly Workflow[];
            trigger(trigger: {
                event: string;
                payload: unknown;
            }): Promise<import("../index.js").SubmittedJob>;
        };
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
                scopes: ("agent" | "submit" | "admin" | "read")[];
                hash: string;
                revoked: boolean;
                issuedAt: number;
                updatedAt: number;
                version: number;
            }[]>;
            verify(text: string): Promise<import("@baton/core").TokenView | null>;
        };
        types: {
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
                rate: import("@baton/core").RateLimit | null;
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
                states?: readonly import("@baton/core").AgentState[];
            }) => Promise<import("@baton/core").AgentInfo[]>;
            get(params: {
                agentId: string;
            }): Promise<import("@baton/core").AgentInfo>;
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
            readFeed: (params: {
                cursor: string | null;
                limit: number;
            }) => Promise<import("@baton/core").FeedPage>;
            feedTail: () => Promise<string>;
            subscribe: () => import("../engine/work-signal.js").WorkSubscription;
            track(): {
                page(full: boolean): void;
                close: () => undefined;
            };
            history: (params: {
                id: string;
                asOf?: import("../replay/history.js").AsOf;
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
            subscribe(): import("../engine/work-signal.js").WorkSubscription;
            onCancelRequested(listener: import("../engine/agent-work.js").CancelListener): () => void;
        };
        definitions: DefinitionRegistry;
        metrics: import("prom-client").Registry<"text/plain; version=0.0.4; charset=utf-8">;
        archiveNow: () => Promise<{
            file: string | null;
            tasks: number;
            events: number;
        }>;
        sweepNow: () => Promise<void>;
        checkReady(): Promise<void>;
        isLeader: () => boolean;
        start(): Promise<void>;
        close(): Promise<void>;
    };
    /** Stops every agent (each with its grace), then the engine, then closes the database. */
    close(params?: {
        graceMs?: number;
    }): Promise<void>;
}>;
type Baton = Awaited<ReturnType<typeof createBaton>>;
export { createBaton };
export type { Baton, BatonOptions };
//# sourceMappingURL=create-baton.d.ts.map