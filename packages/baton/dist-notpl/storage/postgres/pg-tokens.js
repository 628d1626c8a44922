import { decideToken, evolveToken, tokenStreamId } from '@baton/core';
import { foldNewEvents } from '../stream-append.js';
import { LOCK_NAMESPACE, nowSql } from './pg-schema.js';
import { eventInsertSql, eventRowsParam } from './pg-event-log.js';
/** API tokens on PostgreSQL, in the caller's transaction. */
function createPgTokens(params) {
    const { names, pinnedNow } = params;
    const table = names.table('api_tokens');
    const sql = {
        load: `SELECT ${nowSql('$2')}::float8 AS now, (SELECT doc FROM ${table} WHERE id = $1 FOR UPDATE) AS doc`,
        // Serializes bootstraps: of several nodes starting on an empty table, one issues the first token.
        lockBootstrap: `SELECT pg_advisory_xact_lock($1, hashtext($2 || ':tokens'))`,
        count: `SELECT count(*)::int AS n FROM ${table}`,
        insertEvents: eventInsertSql(names),
        upsert: `INSERT INTO ${table} (id, revoked, version, doc) VALUES ($1, $2, $3, $4::jsonb)
      ON CONFLICT (id) DO UPDATE SET revoked = excluded.revoked, version = excluded.version, doc = excluded.doc`,
        get: `SELECT doc FROM ${table} WHERE id = $1`,
        all: `SELECT doc FROM ${table} ORDER BY id`,
    };
    async function apply(q, command) {
        const { rows } = await q.query(sql.load, [command.tokenId, pinnedNow()]);
        const { now, doc: state } = rows[0];
        const decision = decideToken(state, command);
        if (!decision.ok)
            return null;
        const { next, rows: events } = foldNewEvents({ state, streamId: tokenStreamId(command.tokenId), events: decision.value, now, evolve: evolveToken });
        if (events.length)
            await q.query(sql.insertEvents, [eventRowsParam(events)]);
        if (next && next !== state)
            await q.query(sql.upsert, [next.id, next.revoked, next.version, JSON.stringify(next)]);
        return next;
    }
    return {
        apply,
        async issueFirst(q, command) {
            await q.query(sql.lockBootstrap, [LOCK_NAMESPACE.migrate, names.schema]);
            const { rows } = await q.query(sql.count);
            if (rows[0].n > 0)
                return null;
            return apply(q, command);
        },
        async get(q, tokenId) {
            return (await q.query(sql.get, [tokenId])).rows[0]?.doc ?? null;
        },
        async list(q) {
            return (await q.query(sql.all)).rows.map((r) => r.doc);
        },
    };
}
export { createPgTokens };
//# sourceMappingURL=pg-tokens.js.map