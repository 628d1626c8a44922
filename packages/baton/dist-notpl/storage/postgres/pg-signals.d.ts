import type { ClusterSignal } from '@baton/core';
/** All signals of one transaction in one compact NOTIFY payload, or null when there is nothing to say. */
declare function encodeSignals(signals: readonly ClusterSignal[]): string | null;
/** A payload another node sent; anything unreadable is treated as "resync", never as an error. */
declare function decodeSignals(payload: string | undefined): ClusterSignal[];
export { encodeSignals, decodeSignals };
//# sourceMappingURL=pg-signals.d.ts.map