import type { PgNames } from '../pg-schema.js';
/**
 * Every event records the version of its type's shape. Events written before
 * this migration are version 1 of their type; readers upcast them. The default
 * only fills the existing rows: dropped at once, so every writer must say.
 */
declare const migration0006: {
    id: number;
    name: string;
    sql: (n: PgNames) => string;
};
export { migration0006 };
//# sourceMappingURL=0006-event-type-versions.d.ts.map