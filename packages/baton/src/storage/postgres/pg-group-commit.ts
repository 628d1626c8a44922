/**
 * Group commit (ADR 0021): calls that arrive while earlier batches are in
 * flight wait, and go together in the next statement. Under load many
 * reports share one round trip and one commit; on an idle store a call
 * still goes out at once, alone, so it costs no latency.
 */
type Waiting<Item, Result> = { item: Item; resolve: (result: Result) => void; reject: (error: unknown) => void };

function createGroupCommit<Item, Result>(params: {
  /** Runs one batch; one result per item, in the items' order. A rejection fails every item of the batch. */
  flush: (items: Item[]) => Promise<Result[]>;
  /** Items with one key never share a batch nor overlap in flight (one task's two reports in one statement would write its row once). */
  keyOf?: (item: Item) => string;
  /** Bounded so a batch's NOTIFY payload and statement stay small. */
  maxBatch: number;
  maxInFlight: number;
}) {
  const { flush, keyOf, maxBatch, maxInFlight } = params;
  let waiting: Waiting<Item, Result>[] = [];
  let inFlight = 0;
  let scheduled = false;
  /** Keys of the batches in flight: a key's next item waits for its previous one, so one task's reports keep their order. */
  const busyKeys = new Set<string>();

  const take = (): Waiting<Item, Result>[] => {
    if (!keyOf) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(maxBatch);
      return batch;
    }
    const batch: Waiting<Item, Result>[] = [];
    const rest: Waiting<Item, Result>[] = [];
    for (const w of waiting) {
      const key = keyOf(w.item);
      if (batch.length < maxBatch && !busyKeys.has(key)) {
        busyKeys.add(key);
        batch.push(w);
      } else rest.push(w);
    }
    waiting = rest;
    return batch;
  };

  const pump = () => {
    scheduled = false;
    while (inFlight < maxInFlight && waiting.length > 0) {
      const batch = take();
      if (batch.length === 0) return;
      inFlight += 1;
      flush(batch.map((w) => w.item))
        .then(
          (results) => batch.forEach((w, i) => w.resolve(results[i] as Result)),
          (error: unknown) => batch.forEach((w) => w.reject(error)),
        )
        .finally(() => {
          inFlight -= 1;
          if (keyOf) for (const w of batch) busyKeys.delete(keyOf(w.item));
          pump();
        });
    }
  };

  return {
    /** The item's result, once the batch it went in has committed. */
    run(item: Item): Promise<Result> {
      return new Promise<Result>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        // Calls made in the same turn of the event loop go in one batch.
        if (!scheduled) {
          scheduled = true;
          queueMicrotask(pump);
        }
      });
    },
  };
}

export { createGroupCommit };
