import { type SqlConnection, type TypeControlCommand, type TypeControlView } from '@baton/core';
import { type PgNames } from './pg-schema.js';
/**
 * Pause and resume of task types on PostgreSQL, in the caller's transaction.
 * A resume notifies the cluster that the type's tasks are ready again.
 */
declare function createPgTypeControls(params: {
    names: PgNames;
    pinnedNow: () => number | null;
}): {
    apply(q: SqlConnection, command: TypeControlCommand): Promise<TypeControlView>;
    list(q: SqlConnection): Promise<TypeControlView[]>;
};
export { createPgTypeControls };
//# sourceMappingURL=pg-type-controls.d.ts.map