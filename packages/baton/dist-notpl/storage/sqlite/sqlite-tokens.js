import { foldNewEvents } from '../stream-append.js';
import { decideToken, evolveToken, tokenStreamId } from '@baton/core';
import { createEventInsert } from './sqlite-event-log.js';
/** API tokens on SQLite; each call runs inside the caller's transaction. */
function createSqliteTokens(db) {
    const sql = {
        load: db.prepare('SELECT doc FROM api_tokens WHERE id = ?'),
        count: db.prepare('SELECT count(*) AS n FROM api_tokens'),
        insertEvent: createEventInsert(db),
        upsert: db.prepare(`INSERT INTO api_tokens (id, revoked, version, doc) VALUES (@id, @revoked, @version, @doc)
       ON CONFLICT (id) DO UPDATE SET revoked = excluded.revoked, version = excluded.version, doc = excluded.doc`),
        all: db.prepare('SELECT doc FROM api_tokens ORDER BY id'),
    };
    const parse = (row) => (row ? JSON.parse(row.doc) : null);
    function apply(command, now) {
        const state = parse(sql.load.get(command.tokenId));
        const decision = decideToken(state, command);
        if (!decision.ok)
            return null;
        const { next, rows } = foldNewEvents({ state, streamId: tokenStreamId(command.tokenId), events: decision.value, now, evolve: evolveToken });
        for (const r of rows)
            sql.insertEvent(r);
        if (next && next !== state)
            sql.upsert.run({ id: next.id, revoked: next.revoked ? 1 : 0, version: next.version, doc: JSON.stringify(next) });
        return next;
    }
    return {
        apply,
        none: () => (sql.count.get()?.n ?? 0) === 0,
        get: (tokenId) => parse(sql.load.get(tokenId)),
        list: () => sql.all.all().map((r) => JSON.parse(r.doc)),
    };
}
export { createSqliteTokens };
//# sourceMappingURL=sqlite-tokens.js.map