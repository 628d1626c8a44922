import type Database from 'better-sqlite3';
import { foldNewEvents } from '../stream-append.js';
import { decideToken, evolveToken, tokenStreamId, type TokenCommand, type TokenView } from '@baton/core';
import { createEventInsert } from './sqlite-event-log.js';

/** API tokens on SQLite; each call runs inside the caller's transaction. */
function createSqliteTokens(db: Database.Database) {
  const sql = {
    load: db.prepare<[string], { doc: string }>('SELECT doc FROM api_tokens WHERE id = ?'),
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM api_tokens'),
    insertEvent: createEventInsert(db),
    upsert: db.prepare(
      `INSERT INTO api_tokens (id, revoked, version, doc) VALUES (@id, @revoked, @version, @doc)
       ON CONFLICT (id) DO UPDATE SET revoked = excluded.revoked, version = excluded.version, doc = excluded.doc`,
    ),
    all: db.prepare<[], { doc: string }>('SELECT doc FROM api_tokens ORDER BY id'),
  };
  const parse = (row: { doc: string } | undefined) => (row ? (JSON.parse(row.doc) as TokenView) : null);

  function apply(command: TokenCommand, now: number): TokenView | null {
    const state = parse(sql.load.get(command.tokenId));
    const decision = decideToken(state, command);
    if (!decision.ok) return null;
    const { next, rows } = foldNewEvents({ state, streamId: tokenStreamId(command.tokenId), events: decision.value, now, evolve: evolveToken });
    for (const r of rows) sql.insertEvent(r);
    if (next && next !== state) sql.upsert.run({ id: next.id, revoked: next.revoked ? 1 : 0, version: next.version, doc: JSON.stringify(next) });
    return next;
  }

  return {
    apply,
    none: () => (sql.count.get()?.n ?? 0) === 0,
    get: (tokenId: string) => parse(sql.load.get(tokenId)),
    list: () => sql.all.all().map((r) => JSON.parse(r.doc) as TokenView),
  };
}

export { createSqliteTokens };
