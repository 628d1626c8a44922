import type Database from 'better-sqlite3';
import { type FlowLimitsView, type LimitInUse, type SetLimits, type TaskView } from '@baton/core';
/** What the limits allow for one claim: the capacity left per limited scope, and the scopes that allow nothing more. */
interface ClaimWindow {
    capacity: Map<string, number>;
    fullTypes: string[];
    fullKeys: string[];
    /** Records the starts of the claimed tasks in the windows of their rate-limited scopes. */
    started(tasks: readonly TaskView[], now: number): void;
}
/**
 * Concurrency and rate limits on SQLite. The aggregate (`limits:<scope>`
 * streams, `flow_limits` projection) and, inside the claim's transaction (one
 * writer at a time, so the counts are exact), what the limits allow now.
 */
declare function createSqliteLimits(db: Database.Database): {
    set(command: SetLimits, now: number): FlowLimitsView;
    list: () => FlowLimitsView[];
    /** The limits on these scopes with their use at `now` (for explaining a wait). */
    usage(scopes: readonly string[], now: number): LimitInUse[];
    /** Null when no limit is set anywhere: the claim needs no counting. Call inside the claim's transaction. */
    window(now: number): ClaimWindow | null;
};
export { createSqliteLimits };
export type { ClaimWindow };
//# sourceMappingURL=sqlite-limits.d.ts.map