/**
 * Numbers decided events after the stream's current version and folds them
 * into its state: what every small aggregate (agents, type controls, tokens)
 * writes, on either driver. The caller writes `rows` and the returned state in
 * one transaction.
 */
function foldNewEvents(params) {
    let next = params.state;
    let version = params.state?.version ?? 0;
    const rows = params.events.map((event) => {
        version += 1;
        next = params.evolve(next, { ...event, streamId: params.streamId, version, time: params.now });
        return { stream_id: params.streamId, version, type: event.type, data: event.data, time: params.now };
    });
    return { next, rows };
}
export { foldNewEvents };
//# sourceMappingURL=stream-append.js.map