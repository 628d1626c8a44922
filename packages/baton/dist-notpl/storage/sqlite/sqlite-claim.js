/**
 * The claim's candidate query on SQLite: queued tasks of the agent's types,
 * not paused, not broadcast steps, whose target the agent matches (service,
 * every tag, pinned agent), and, for a serial key, only the key's head: the
 * first in queue order of the key's tasks that have not ended. While the head
 * runs no other task of the key is a head, so at most one runs per key.
 * Types and limit keys whose limits allow nothing more now are left out.
 */
function createSqliteClaimQuery(db) {
    const agentDoc = db.prepare('SELECT doc FROM agents WHERE id = ?');
    const statements = new Map();
    function statement(typeCount) {
        let found = statements.get(typeCount);
        if (!found) {
            // Only placeholders are generated here; values are always bound.
            const placeholders = Array.from({ length: typeCount }, () => '?').join(', ');
            found = db.prepare(`SELECT doc FROM tasks t WHERE state = 'queued' AND type IN (${placeholders})
           AND type NOT IN (SELECT type FROM task_types WHERE paused = 1)
           AND broadcast = 0
           AND type NOT IN (SELECT value FROM json_each(@fullTypes))
           AND (limit_key IS NULL OR limit_key NOT IN (SELECT value FROM json_each(@fullKeys)))
           AND (target_agent IS NULL OR target_agent = @agent)
           AND (target_service IS NULL OR target_service = @service)
           AND (target_tags IS NULL OR NOT EXISTS (
             SELECT 1 FROM json_each(t.target_tags) wanted WHERE wanted.value NOT IN (SELECT value FROM json_each(@tags))))
           AND (serial_key IS NULL OR queue_seq = (
             SELECT min(s.queue_seq) FROM tasks s WHERE s.serial_key = t.serial_key AND s.state IN ('blocked', 'scheduled', 'queued', 'running')))
         ORDER BY priority DESC, run_at, queue_seq LIMIT @limit`);
            statements.set(typeCount, found);
        }
        return found;
    }
    return {
        /** The docs of the tasks this agent may claim now, best first. Call inside the claim's transaction. */
        candidates(params) {
            const row = agentDoc.get(params.agentId);
            const labels = row ? JSON.parse(row.doc).labels : { service: null, tags: [] };
            return statement(params.types.length).all(...params.types, {
                agent: params.agentId,
                service: labels.service,
                tags: JSON.stringify(labels.tags),
                limit: params.limit,
                fullTypes: JSON.stringify(params.fullTypes ?? []),
                fullKeys: JSON.stringify(params.fullKeys ?? []),
            });
        },
    };
}
export { createSqliteClaimQuery };
//# sourceMappingURL=sqlite-claim.js.map