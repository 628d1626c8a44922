/**
 * A batch's ids as a block (ADR 0035): each the one before plus one in its
 * last 12 hex digits, as `Ids.block` makes them. The submit then sends and
 * the batch row keeps only the first, and the database derives the others
 * with `blockIdSql`. Both sides build the same text: a prefix of 24
 * characters, then the 48-bit number in 12 lowercase hex digits.
 */
const PREFIX = 24;
const DIGITS = 12;

/** The first id when `ids` are exactly the block `blockIdSql` derives from it, else null. */
function idBlockStart(ids: readonly string[]): string | null {
  const first = ids[0];
  if (ids.length < 2 || first === undefined || first.length !== PREFIX + DIGITS) return null;
  const prefix = first.slice(0, PREFIX);
  const low = parseInt(first.slice(PREFIX), 16);
  if (!Number.isSafeInteger(low) || low + ids.length > 2 ** 48) return null;
  for (let i = 0; i < ids.length; i++) {
    if (ids[i] !== prefix + (low + i).toString(16).padStart(DIGITS, '0')) return null;
  }
  return first;
}

/** SQL: the id at place `ord` (from 1) of the block that starts at `first` (both SQL expressions). */
function blockIdSql(first: string, ord: string): string {
  return `left(${first}, ${PREFIX}) || lpad(to_hex(('x' || right(${first}, ${DIGITS}))::bit(48)::bigint + (${ord}) - 1), ${DIGITS}, '0')`;
}

export { blockIdSql, idBlockStart };
