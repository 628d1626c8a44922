/**
 * Every event records the version of its type's shape. Events written before
 * this migration are version 1 of their type; readers upcast them. The default
 * only fills the existing rows: dropped at once, so every writer must say.
 */
const migration0006 = {
    id: 6,
    name: 'event-type-versions',
    sql: (n) => `
ALTER TABLE ${n.table('events')} ADD COLUMN type_version integer NOT NULL DEFAULT 1;
ALTER TABLE ${n.table('events')} ALTER COLUMN type_version DROP DEFAULT;
`,
};
export { migration0006 };
//# sourceMappingURL=0006-event-type-versions.js.map