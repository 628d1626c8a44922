import { decide } from '@baton/core';
/**
 * A heartbeat on PostgreSQL: renews the agent's liveness and extends the
 * leases it still holds, in one transaction that skips rows another
 * transaction holds (and never waits for them); those are read as they are.
 */
function createPgLeaseRenewal(params) {
    const { pool, sql, agents, pinnedNow, transaction, append } = params;
    return async ({ agentId, leases, leaseMs }) => {
        const ids = leases.map((l) => l.taskId);
        const { locked, now, renewed } = await transaction(async (q) => {
            const { rows } = await q.query(sql.loadLeases, [ids, pinnedNow()]);
            const { now, docs } = rows[0];
            await agents.touch(q, agentId, now, leaseMs);
            const byId = new Map(docs.map((d) => [d.id, d]));
            const pending = [];
            for (const { taskId, token } of leases) {
                const state = byId.get(taskId);
                if (!state)
                    continue;
                const decision = decide(state, { kind: 'ExtendLease', taskId, token, leaseMs, now });
                if (decision.ok)
                    pending.push({ before: state, taskId, events: decision.value });
            }
            const after = await append(q, pending, now);
            return { locked: byId, now, renewed: new Map(after.map((t) => [t.id, t])) };
        });
        // A row another transaction held was skipped: read it as it is now, it is still ours if the token matches.
        const skipped = ids.filter((id) => !locked.has(id));
        const unlocked = skipped.length ? (await pool.query(sql.getMany, [skipped])).rows.map((r) => r.doc) : [];
        const current = new Map(unlocked.map((t) => [t.id, t]));
        return leases.map(({ taskId, token }) => {
            const task = renewed.get(taskId) ?? current.get(taskId);
            const held = !!task && task.state === 'running' && task.token === token && (renewed.has(taskId) || (task.leaseExpiresAt ?? 0) > now);
            return { taskId, held, leaseExpiresAt: held ? (task?.leaseExpiresAt ?? null) : null, cancelRequested: held && !!task?.cancelRequested };
        });
    };
}
export { createPgLeaseRenewal };
//# sourceMappingURL=pg-lease-renewal.js.map