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
function foldNewEvents<S extends { version: number }, E extends { type: string; data: unknown }>(params: {
  state: S | null;
  streamId: string;
  events: readonly E[];
  now: number;
  evolve: (state: S | null, event: E & { streamId: string; version: number; time: number }) => S;
}): { next: S | null; rows: PendingEvent[] } {
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
export type { PendingEvent };
