/**
 * Callers waiting for something (a task, a job) to end. The engine tells it
 * about every change it makes; a bounded poll of the store covers changes made
 * elsewhere (another node, another process on the same database), so a missed
 * notice delays, never hangs.
 */
interface Waiters<T extends {
    id: string;
}> {
    settled(item: T): void;
    wait(params: {
        id: string;
        timeoutMs: number;
        poll: () => Promise<T | null>;
    }): Promise<T | null>;
    /** The ids someone is waiting for now. */
    waitingFor(): string[];
    closeAll(): void;
}
declare function createWaiters<T extends {
    id: string;
}>(params: {
    pollMs: number;
    isDone: (item: T) => boolean;
}): Waiters<T>;
export { createWaiters };
export type { Waiters };
//# sourceMappingURL=waiters.d.ts.map