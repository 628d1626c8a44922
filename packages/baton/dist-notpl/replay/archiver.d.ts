import type { DefinitionRegistry, TaskStore } from '@baton/core';
/**
 * Retention: archives the tasks whose type's definition sets `archiveAfterMs`
 * and that ended that long ago (tasks of a job stay with their job). Their
 * events are written to an NDJSON file in `dir` and made durable first (write,
 * fsync, rename); only then are they removed from the hot tables, in one
 * transaction that keeps any task retried in between.
 */
declare function archiveEnded(params: {
    store: TaskStore;
    registry: DefinitionRegistry;
    dir: string;
    now: number;
}): Promise<{
    file: string | null;
    tasks: number;
    events: number;
}>;
export { archiveEnded };
//# sourceMappingURL=archiver.d.ts.map