/** An event ready to be written: its stream, its place in it, and its time. */
interface PendingEvent {
    stream_id: string;
    version: number;
    type: string;
    data: unknown;
    time: number;
}
/**
 * Numbers decided events after the stream's current version and folds them
 * into its state: what every small aggregate (agents, type controls, tokens)
 * writes, on either driver. The caller writes `rows` and the returned state in
 * one transaction.
 */
declare function foldNewEvents<S extends {
    version: number;
}, E extends {
    type: string;
    data: unknown;
}>(params: {
    state: S | null;
    streamId: string;
    events: readonly E[];
    now: number;
    evolve: (state: S | null, event: E & {
        streamId: string;
        version: number;
        time: number;
    }) => S;
}): {
    next: S | null;
    rows: PendingEvent[];
};
export { foldNewEvents };
export type { PendingEvent };
//# sourceMappingURL=stream-append.d.ts.map