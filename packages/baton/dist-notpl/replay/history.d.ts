import { type ProjectionKind, type StoredEvent, type TaskStore } from '@baton/core';
/** A point in the past: a time (epoch ms) or a global event number. */
type AsOf = {
    time: number;
} | {
    seq: number;
};
interface History {
    stream: string;
    kind: ProjectionKind;
    /** The events up to `asOf` (all of them without it), in order: one page of them, after `after`. */
    events: StoredEvent[];
    /** The stream version to pass as `after` for the next page; null on the last. */
    nextAfter: number | null;
    /** The fold of every event up to `asOf`: the state at that point. */
    state: unknown;
}
/**
 * The whole ordered history of a task, job, agent, reminder or schedule, and
 * its state as of a past time or event number, computed by folding the log.
 */
declare function historyOf(params: {
    store: TaskStore;
    id: string;
    asOf?: AsOf;
    after?: number;
    limit?: number;
}): Promise<History>;
export { historyOf };
export type { History, AsOf };
//# sourceMappingURL=history.d.ts.map