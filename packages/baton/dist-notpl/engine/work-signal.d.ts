/**
 * Wakes idle in-process agents when work becomes ready, so a task submitted to
 * an idle engine starts at once instead of at the next poll.
 * Each subscriber has a pending flag: a notification between a claim that found
 * nothing and the next wait is never lost.
 */
interface WorkSignal {
    notify(): void;
    subscribe(): WorkSubscription;
}
interface WorkSubscription {
    /** Clears the pending flag; call just before claiming. */
    take(): void;
    /** Resolves at the next notification (at once if one is pending), at the deadline, or on abort. */
    wait(params: {
        timeoutMs: number;
        signal?: AbortSignal;
    }): Promise<void>;
    close(): void;
}
declare function createWorkSignal(): WorkSignal;
export { createWorkSignal };
export type { WorkSignal, WorkSubscription };
//# sourceMappingURL=work-signal.d.ts.map