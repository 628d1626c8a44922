import { rebuildPgOnline } from './pg-online-rebuild.js';
import { toStoredEvent } from './pg-event-log.js';
import { taskDocSql } from './pg-task-row.js';
/** The store's replay tools: every projection as stored, the online rebuild, and what retention archives and removes. */
function createPgProjectionTools(params) {
    const { pool, names, sql, transaction, afterRebuild } = params;
    const tasks = names.table('tasks');
    const events = names.table('events');
    return {
        async archiveCandidates({ types, endedBefore, limit }) {
            if (types.length === 0)
                return [];
            const { rows } = await pool.query(`SELECT id, version FROM ${tasks} WHERE state IN ('succeeded', 'failed', 'cancelled') AND job_id IS NULL
           AND type = ANY($1::text[]) AND COALESCE(updated_at, (doc->>'updatedAt')::bigint) < $2 ORDER BY submit_seq LIMIT $3`, [[...types], endedBefore, limit]);
            const found = rows;
            return Promise.all(found.map(async (r) => ({
                taskId: r.id,
                version: r.version,
                events: (await pool.query(sql.stream, [r.id])).rows.map(toStoredEvent),
            })));
        },
        removeArchived: ({ tasks: wanted }) => transaction(async (q) => {
            const { rows } = await q.query(`DELETE FROM ${tasks} t USING unnest($1::text[], $2::int[]) AS w(id, version)
             WHERE t.id = w.id AND t.version = w.version AND t.state IN ('succeeded', 'failed', 'cancelled') RETURNING t.id`, [wanted.map((w) => w.taskId), wanted.map((w) => w.version)]);
            const removed = rows.map((r) => r.id);
            if (removed.length)
                await q.query(`DELETE FROM ${events} WHERE stream_id = ANY($1::text[])`, [removed]);
            return removed;
        }),
        async rebuildProjections() {
            const report = await rebuildPgOnline({ pool, names, transaction });
            afterRebuild();
            return report;
        },
        async dumpProjections() {
            const docs = async (table) => {
                const doc = table === 'tasks' ? taskDocSql('t') : 't.doc';
                return (await pool.query(`SELECT ${doc} AS doc FROM ${names.table(table)} t`)).rows.map((r) => r.doc);
            };
            const [task, job, agent, type, token, limits, schedule] = await Promise.all([docs('tasks'), docs('jobs'), docs('agents'), docs('task_types'), docs('api_tokens'), docs('flow_limits'), docs('schedules')]);
            return { task, job, agent, type, token, limits, schedule };
        },
    };
}
export { createPgProjectionTools };
//# sourceMappingURL=pg-rebuild.js.map