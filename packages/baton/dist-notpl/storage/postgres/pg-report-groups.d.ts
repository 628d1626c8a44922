import type pg from 'pg';
import { type TaskEvent, type TaskView } from '@baton/core';
import { type PgFastWrites } from './pg-fast-writes.js';
import type { PgNames } from './pg-schema.js';
import type { PgStatements } from './pg-statements.js';
/**
 * The two round trips of a fast report (read the row, write if unchanged),
 * each grouped across concurrent reports (ADR 0021).
 */
declare function createPgReportGroups(params: {
    pool: pg.Pool;
    names: PgNames;
    sql: PgStatements;
    fast: PgFastWrites;
    pinnedNow: () => number | null;
}): {
    /** A task's row as it is now, with the database's (or the pinned) clock. */
    load: (taskId: string) => Promise<{
        now: number;
        doc: TaskView | null;
    }>;
    /** The task's new events if its row is still at `before.version`; null when it moved on. */
    write: (item: {
        before: TaskView;
        events: readonly TaskEvent[];
        now: number;
    }) => Promise<{
        id: string;
        type: string;
        payloadVersion: number;
        payload: unknown;
        state: "blocked" | "scheduled" | "queued" | "running" | "succeeded" | "failed" | "cancelled";
        priority: number;
        runAt: number;
        submittedAt: number;
        updatedAt: number;
        submitSeq: number;
        attempt: number;
        maxAttempts: number;
        token: number;
        agentId: string | null;
        leaseExpiresAt: number | null;
        timeoutMs: number | null;
        backoff: {
            baseMs: number;
            factor: number;
            maxMs: number;
            jitter: number;
        };
        idempotencyKey: string | null;
        result: unknown;
        progress: unknown;
        errors: {
            name: string;
            message: string;
            attempt: number;
            token: number;
            at: number;
            stack?: string | undefined;
            details?: Record<string, unknown> | undefined;
        }[];
        cancelRequested: boolean;
        endReason: string | null;
        target: {
            service: string | null;
            tags: string[];
            agentId: string | null;
        } | null;
        serialKey: string | null;
        limitKey: string | null;
        queueSeq: number;
        jobId: string | null;
        key: string | null;
        dependsOn: string[];
        broadcast: {
            onAgentLost: "fail" | "skip";
        } | null;
        fanout: {
            agentIds: string[];
            childIds: string[];
        } | null;
        parentId: string | null;
        trace: {
            traceparent: string;
            tracestate: string | null;
        } | null;
        version: number;
    } | null>;
    /** As `write`, stamped with the statement's now (`PgFastWrites.update`): for events whose fold takes only their time from it. */
    writeStamped: (item: {
        before: TaskView;
        events: readonly TaskEvent[];
    }) => Promise<{
        id: string;
        type: string;
        payloadVersion: number;
        payload: unknown;
        state: "blocked" | "scheduled" | "queued" | "running" | "succeeded" | "failed" | "cancelled";
        priority: number;
        runAt: number;
        submittedAt: number;
        updatedAt: number;
        submitSeq: number;
        attempt: number;
        maxAttempts: number;
        token: number;
        agentId: string | null;
        leaseExpiresAt: number | null;
        timeoutMs: number | null;
        backoff: {
            baseMs: number;
            factor: number;
            maxMs: number;
            jitter: number;
        };
        idempotencyKey: string | null;
        result: unknown;
        progress: unknown;
        errors: {
            name: string;
            message: string;
            attempt: number;
            token: number;
            at: number;
            stack?: string | undefined;
            details?: Record<string, unknown> | undefined;
        }[];
        cancelRequested: boolean;
        endReason: string | null;
        target: {
            service: string | null;
            tags: string[];
            agentId: string | null;
        } | null;
        serialKey: string | null;
        limitKey: string | null;
        queueSeq: number;
        jobId: string | null;
        key: string | null;
        dependsOn: string[];
        broadcast: {
            onAgentLost: "fail" | "skip";
        } | null;
        fanout: {
            agentIds: string[];
            childIds: string[];
        } | null;
        parentId: string | null;
        trace: {
            traceparent: string;
            tracestate: string | null;
        } | null;
        version: number;
    } | null>;
};
export { createPgReportGroups };
//# sourceMappingURL=pg-report-groups.d.ts.map