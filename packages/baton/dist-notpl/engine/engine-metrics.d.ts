import { Registry } from 'prom-client';
import type { Clock, TaskStore, TaskView } from '@baton/core';
/** An event-stream reader, as the metrics see it: since when it has been behind the log's head, or null when caught up. */
interface EventReader {
    behindSince: number | null;
}
/** What the engine tells the metrics as work passes through this node. */
interface TaskObserver {
    claimed(tasks: readonly TaskView[]): void;
    /** A report (success, failure, cancel confirmed) as the task is after it. */
    reported(task: TaskView): void;
    rescued(tasks: readonly TaskView[]): void;
}
declare function createEngineMetrics(params: {
    store: TaskStore;
    clock: Clock;
    readers: () => Iterable<EventReader>;
}): {
    registry: Registry<"text/plain; version=0.0.4; charset=utf-8">;
    observer: TaskObserver;
};
type EngineMetrics = ReturnType<typeof createEngineMetrics>;
export { createEngineMetrics };
export type { EngineMetrics, EventReader, TaskObserver };
//# sourceMappingURL=engine-metrics.d.ts.map