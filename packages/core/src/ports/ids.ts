/** Makes new ids for tasks and agents. */
interface Ids {
  next(): string;
  /**
   * Ids for the `count` tasks of one batch, one per call of the function
   * returned. A maker may give them as a block, each the one before plus one
   * in its last digits (UUIDv7's monotonic random, RFC 9562 6.2): a store
   * can then keep a batch's ids as its first (ADR 0035). Without it, each
   * is `next()`.
   */
  block?(params: { count: number }): () => string;
}

export type { Ids };
