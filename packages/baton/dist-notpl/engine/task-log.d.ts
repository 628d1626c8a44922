import type { TaskObserver } from './engine-metrics.js';
/** The optional levels of the engine's logger: pino's, or none. */
interface TaskLogger {
    info?(obj: object, msg: string): void;
    debug?(obj: object, msg: string): void;
    warn(obj: object, msg: string): void;
}
/**
 * Structured lines about the work passing through this node, each with the
 * task's and job's ids: claims and successes at debug (one per task would
 * drown the rest at info), failures, retries and cancels at info, lease
 * rescues at warn.
 */
declare function createTaskLog(logger: TaskLogger): TaskObserver;
/** Tells every observer, in order. */
declare function allOf(observers: readonly TaskObserver[]): TaskObserver;
export { createTaskLog, allOf };
export type { TaskLogger };
//# sourceMappingURL=task-log.d.ts.map