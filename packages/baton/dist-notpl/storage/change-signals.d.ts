import { type ClusterSignal, type TaskView } from '@baton/core';
interface TaskChange {
    before: TaskView | null;
    after: TaskView;
}
/** What the rest of the cluster should hear about a set of committed task changes. */
declare function signalsOf(changes: readonly TaskChange[]): ClusterSignal[];
export { signalsOf };
export type { TaskChange };
//# sourceMappingURL=change-signals.d.ts.map