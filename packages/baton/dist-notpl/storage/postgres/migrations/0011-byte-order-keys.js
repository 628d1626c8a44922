/*
 * The text keys every write indexes (task id, type and state; an event's
 * stream) compare by bytes, collation "C", instead of the database's
 * collation (ADR 0032). Their values are ids, type names and state names in
 * ASCII, which every collation of a UTF-8 database but a linguistic one
 * orders the same; "C" just skips strcoll for each comparison an index makes.
 * Changing a column's collation rebuilds the indexes on it (in the
 * migration's transaction, so writes wait) and drops its statistics: the
 * ANALYZE puts them back, without which the claim's plan went bad. Not on
 * empty tables: analyzed, an empty table is known to be empty, and plans made
 * on it (the hot statements are planned once, at start) stop assuming it
 * will grow.
 */
const migration0011 = {
    id: 11,
    name: 'byte-order-keys',
    sql: (n) => `
ALTER TABLE ${n.table('tasks')} ALTER COLUMN id TYPE text COLLATE "C", ALTER COLUMN type TYPE text COLLATE "C", ALTER COLUMN state TYPE text COLLATE "C";
ALTER TABLE ${n.table('events')} ALTER COLUMN stream_id TYPE text COLLATE "C";
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM ${n.table('events')}) THEN ANALYZE ${n.table('tasks')}, ${n.table('events')}; END IF;
END $$;
`,
};
export { migration0011 };
//# sourceMappingURL=0011-byte-order-keys.js.map