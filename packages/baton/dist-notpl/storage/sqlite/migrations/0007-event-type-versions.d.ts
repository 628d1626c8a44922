/**
 * Every event records the version of its type's shape. Events written before
 * this migration are version 1 of their type; readers upcast them.
 */
declare const migration0007: {
    id: number;
    name: string;
    sql: string;
};
export { migration0007 };
//# sourceMappingURL=0007-event-type-versions.d.ts.map