/**
 * Group commit (ADR 0021): calls that arrive while earlier batches are in
 * flight wait, and go together in the next batch. Under load many reports
 * share one round trip (one statement and one commit in a store, one request
 * from a remote agent); when idle a call still goes out alone, one turn of the
 * event loop later.
 *
 * That turn is a macrotask (setImmediate), not a microtask: what the same
 * turn goes on to do runs first. An agent whose handlers end frees their
 * slots and reports them; with a microtask the reports' statement was built
 * and sent before the claim for the freed slots, which then waited behind it.
 * Now the claim goes first and the turn's reports share one batch (a drain at
 * concurrency 10: 1.9k -> 2.1k tasks/s).
 */
/** The next turn of the event loop: setImmediate where there is one (Node), else a zero timeout. */
const nextTurn: (fn: () => void) => void = typeof setImmediate === 'function' ? (fn) => void setImmediate(fn) : (fn) => void setTimeout(fn, 0);

/** What one call hands in, and what it gets back. */
interface GroupCall {
  item: unknown;
  result: unknown;
}
type Waiting<Call extends GroupCall> = { item: Call['item']; resolve: (result: Call['result']) => void; reject: (error: unknown) => void };

function createGroupCommit<Call extends GroupCall>(params: {
  /** Runs one batch; one result per item, in the items' order. A rejection fails every item of the batch. */
  flush: (items: Call['item'][]) => Promise<Call['result'][]>;
  /** Items with one key never share a batch nor overlap in flight (one task's two reports in one statement would write its row once). */
  keyOf?: (item: Call['item']) => string;
  /** Bounded so a batch's NOTIFY payload and statement stay small. */
  maxBatch: number;
  maxInFlight: number;
}) {
  const { flush, keyOf, maxBatch, maxInFlight } = params;
  let waiting: Waiting<Call>[] = [];
  let inFlight = 0;
  let scheduled = false;
  /** Keys of the batches in flight: a key's next item waits for its previous one, so one task's reports keep their order. */
  const busyKeys = new Set<string>();

  const take = (): Waiting<Call>[] => {
    if (!keyOf) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(maxBatch);
      return batch;
    }
    const batch: Waiting<Call>[] = [];
    const rest: Waiting<Call>[] = [];
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
        .then((results) => {
          if (results.length !== batch.length) throw new Error(`a batch of ${batch.length} came back with ${results.length} results`);
          batch.forEach((w, i) => w.resolve(results[i] as Call['result']));
        })
        .catch((error: unknown) => batch.forEach((w) => w.reject(error)))
        .finally(() => {
          inFlight -= 1;
          if (keyOf) for (const w of batch) busyKeys.delete(keyOf(w.item));
          pump();
        });
    }
  };

  return {
    /** The item's result, once the batch it went in has committed. */
    run(item: Call['item']): Promise<Call['result']> {
      return new Promise<Call['result']>((resolve, reject) => {
        waiting.push({ item, resolve, reject });
        // Calls made in the same turn of the event loop go in one batch.
        if (!scheduled) {
          scheduled = true;
          nextTurn(pump);
        }
      });
    },
  };
}

export { createGroupCommit };
export type { GroupCall };
