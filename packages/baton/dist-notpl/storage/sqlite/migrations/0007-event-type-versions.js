/**
 * Every event records the version of its type's shape. Events written before
 * this migration are version 1 of their type; readers upcast them.
 */
const migration0007 = {
    id: 7,
    name: 'event-type-versions',
    sql: `ALTER TABLE events ADD COLUMN type_version INTEGER NOT NULL DEFAULT 1;`,
};
export { migration0007 };
//# sourceMappingURL=0007-event-type-versions.js.map