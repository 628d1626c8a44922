import type pg from 'pg';
import { type PromotionHandoff, type TaskView } from '@baton/core';
import { type PgNames } from './pg-schema.js';
/**
 * Due tasks made ready in one statement and one round trip: it locks the
 * due rows (skipping those another node holds), moves them to queued, appends
 * their TaskReady events and tells the cluster which types are ready. The row
 * is patched exactly as `evolve` folds TaskReady (only columns change: state,
 * version, updated_at); the contract suite holds it to that, as for the claim. $1 pinned now, $2 limit, $3 channel.
 *
 * With an agent ($4, its types $5, up to $6 tasks, lease $7 ms), due tasks a
 * claim would take at once go straight to it: TaskReady, then TaskClaimed,
 * as the claim statement folds it (see Handoff). The rest are queued and
 * announced.
 *
 * The time between a task's due time and its start is what delayed work is
 * judged on. The two-round-trip version this replaces (a read, then a write
 * checked by version) put 4 ms between TaskReady and the claim that followed.
 * The due bound is `(SELECT ms FROM n)`, not a join with n: joined, it was a
 * filter rather than the index scan's bound, and every promotion read every
 * scheduled task (140 ms with 50,000 scheduled for later).
 */
declare function promoteStatement(names: PgNames): string;
/**
 * Makes due tasks ready, a batch per call. Rows another node is promoting
 * at the same moment are skipped, never waited for, so two nodes cannot
 * deadlock on each other's batches, and each task gets one TaskReady.
 */
declare function createPgDuePromotion(params: {
    pool: pg.Pool;
    names: PgNames;
    pinnedNow: () => number | null;
    mayBeLimited: (types: readonly string[]) => Promise<boolean>;
}): ({ limit, handoff }: {
    limit: number;
    handoff?: PromotionHandoff;
}) => Promise<TaskView[]>;
/** Prepares the promotion on a hot connection by running it on no rows. */
declare function preparePromotionOn(params: {
    client: pg.PoolClient;
    names: PgNames;
}): Promise<void>;
export { createPgDuePromotion, preparePromotionOn, promoteStatement };
//# sourceMappingURL=pg-due-promotion.d.ts.map