import { agentsFor, broadcastCopies } from '@baton/core';
/**
 * Queued broadcast steps, first in queue order. The index is named because
 * SQLite's planner, having no statistics, chose tasks_by_state instead and
 * sorted every queued task: 580 ms a call at a million queued, on every job
 * change and sweep, with the event loop blocked throughout. INDEXED BY also
 * makes the statement fail to prepare if the index could not serve it.
 */
const QUEUED_STEPS = `SELECT doc FROM tasks INDEXED BY tasks_broadcast_queued WHERE broadcast = 1 AND state = 'queued' ORDER BY queue_seq LIMIT ?`;
/**
 * Broadcast steps on SQLite: fanning queued steps out to the live agents that
 * match them, and ending the copies of an agent that is gone. Both run in one
 * write transaction that settles the jobs they move.
 */
function createSqliteBroadcast(params) {
    const { db, apply, write } = params;
    const sql = {
        queuedSteps: db.prepare(QUEUED_STEPS),
        liveAgents: db.prepare(`SELECT a.doc FROM agents a JOIN agent_leases l ON l.agent_id = a.id WHERE a.state = 'live' AND l.expires_at > ? ORDER BY a.id`),
        pinned: db.prepare(`SELECT doc FROM tasks WHERE target_agent = ? AND state IN ('blocked', 'scheduled', 'queued', 'running') ORDER BY submit_seq`),
    };
    const unwrap = (d) => {
        if (!d.ok)
            throw new Error(`store invariant broken: ${d.error.message}`);
        return d.value;
    };
    return {
        fanOutBroadcasts: async ({ limit, newId }) => {
            // Called after every job change and each sweep: an index read when no step waits.
            if (sql.queuedSteps.all(1).length === 0)
                return [];
            return write((now) => {
                const live = sql.liveAgents.all(now).map((r) => JSON.parse(r.doc));
                const fanned = [];
                for (const step of sql.queuedSteps.all(limit).map((r) => JSON.parse(r.doc))) {
                    const agentIds = agentsFor({ agents: live, type: step.type, target: step.target }).map((a) => a.id);
                    if (agentIds.length === 0)
                        continue;
                    const childIds = agentIds.map(() => newId());
                    fanned.push(unwrap(apply(step, { kind: 'FanOut', taskId: step.id, agentIds, childIds }, now)));
                    for (const copy of broadcastCopies({ step, agentIds, childIds, now }))
                        unwrap(apply(null, { kind: 'Submit', ...copy, now }, now));
                }
                return fanned;
            });
        },
        abandonPinned: async ({ agentId }) => write((now) => sql.pinned.all(agentId).flatMap((row) => {
            const copy = JSON.parse(row.doc);
            const step = copy.parentId === null ? null : params.loadTask(copy.parentId);
            const decision = apply(copy, { kind: 'AbandonPinned', taskId: copy.id, policy: step?.broadcast?.onAgentLost ?? 'fail' }, now);
            return decision.ok ? [decision.value] : [];
        })),
    };
}
export { createSqliteBroadcast, QUEUED_STEPS };
//# sourceMappingURL=sqlite-broadcast.js.map