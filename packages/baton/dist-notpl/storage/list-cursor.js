import { BatonError } from '@baton/core';
/** Cursors are opaque to clients: the submission sequence of the last task seen, and the order they came in. */
function encodeCursor(submitSeq, order = 'newest') {
    return Buffer.from(`${order === 'oldest' ? 'o' : 's'}:${submitSeq}`, 'utf8').toString('base64url');
}
function decodeCursor(cursor, order = 'newest') {
    const text = Buffer.from(cursor, 'base64url').toString('utf8');
    const match = (order === 'oldest' ? /^o:(\d{1,15})$/ : /^s:(\d{1,15})$/).exec(text);
    if (!match?.[1]) {
        throw new BatonError({
            code: 'VALIDATION_FAILED',
            message: 'cursor: not a cursor this server gave out',
            issues: [{ path: 'cursor', rule: 'invalid_cursor', message: 'not a cursor this server gave out' }],
        });
    }
    return Number(match[1]);
}
/**
 * The WHERE clause of a task listing, the same for both drivers: only column
 * names and placeholders are written here, every value is bound. `placeholder`
 * makes `?` (SQLite) or `$n` (PostgreSQL) for the value it is given.
 */
function listConditions(params) {
    const { filter, placeholder: p } = params;
    const where = [];
    if (filter.states?.length)
        where.push(`state IN (${filter.states.map((s) => p(s)).join(', ')})`);
    if (filter.types?.length)
        where.push(`type IN (${filter.types.map((t) => p(t)).join(', ')})`);
    if (filter.agentId !== undefined)
        where.push(`state = 'running' AND agent_id = ${p(filter.agentId)}`);
    if (filter.submittedAfter !== undefined)
        where.push(`${params.submittedAt} >= ${p(filter.submittedAfter, 'bigint')}`);
    if (filter.submittedBefore !== undefined)
        where.push(`${params.submittedAt} < ${p(filter.submittedBefore, 'bigint')}`);
    if (filter.idempotencyKeyPrefix !== undefined) {
        const prefix = filter.idempotencyKeyPrefix;
        where.push(`substr(idempotency_key, 1, ${p([...prefix].length, 'integer')}) = ${p(prefix)}`);
    }
    if (filter.serialKey !== undefined)
        where.push(`serial_key = ${p(filter.serialKey)}`);
    if (params.cursor !== null)
        where.push(`submit_seq ${params.order === 'oldest' ? '>' : '<'} ${p(decodeCursor(params.cursor, params.order), 'bigint')}`);
    return where;
}
export { encodeCursor, decodeCursor, listConditions };
//# sourceMappingURL=list-cursor.js.map