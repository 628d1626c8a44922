import { foldNewEvents } from '../stream-append.js';
import { agentStreamId, decideAgent, evolveAgent } from '@baton/core';
import { createEventInsert } from './sqlite-event-log.js';
/**
 * The agent registry on SQLite: the same decide, append, fold and write as
 * tasks, on `agent:<id>` streams, plus the liveness lease. Every function runs
 * inside the caller's transaction.
 */
function createSqliteAgents(db) {
    const sql = {
        load: db.prepare('SELECT doc FROM agents WHERE id = ?'),
        insertEvent: createEventInsert(db),
        upsert: db.prepare(`INSERT INTO agents (id, state, version, doc) VALUES (@id, @state, @version, @doc)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, version = excluded.version, doc = excluded.doc`),
        lease: db.prepare(`INSERT INTO agent_leases (agent_id, last_seen_at, expires_at) VALUES (?, ?, ?)
       ON CONFLICT (agent_id) DO UPDATE SET last_seen_at = excluded.last_seen_at, expires_at = excluded.expires_at`),
        dropLease: db.prepare('DELETE FROM agent_leases WHERE agent_id = ?'),
        leaseOf: db.prepare('SELECT last_seen_at, expires_at FROM agent_leases WHERE agent_id = ?'),
        expired: db.prepare(`SELECT a.id, l.last_seen_at FROM agents a JOIN agent_leases l ON l.agent_id = a.id
       WHERE a.state = 'live' AND l.expires_at <= ? ORDER BY l.expires_at LIMIT ?`),
        all: db.prepare('SELECT doc FROM agents ORDER BY id'),
        held: db.prepare(`SELECT id FROM tasks WHERE state = 'running' AND agent_id = ? ORDER BY id`),
    };
    const parse = (row) => (row ? JSON.parse(row.doc) : null);
    function apply(command, now) {
        const state = parse(sql.load.get(command.agentId));
        const decision = decideAgent(state, command);
        if (!decision.ok)
            return state;
        const { next, rows } = foldNewEvents({ state, streamId: agentStreamId(command.agentId), events: decision.value, now, evolve: evolveAgent });
        for (const r of rows)
            sql.insertEvent(r);
        if (next && next !== state)
            sql.upsert.run({ id: next.id, state: next.state, version: next.version, doc: JSON.stringify(next) });
        return next;
    }
    function info(agent) {
        const lease = sql.leaseOf.get(agent.id);
        return {
            ...agent,
            lastSeenAt: lease?.last_seen_at ?? null,
            aliveUntil: agent.state === 'live' ? (lease?.expires_at ?? null) : null,
            taskIds: sql.held.all(agent.id).map((r) => r.id),
        };
    }
    return {
        register(agent, now, leaseMs) {
            const view = apply({ kind: 'RegisterAgent', ...agent }, now);
            sql.lease.run(agent.agentId, now, now + leaseMs);
            if (!view)
                throw new Error('unreachable: a registration produced no agent');
            return view;
        },
        /** A heartbeat renews liveness; an agent declared lost that beats again is registered again. */
        touch(agentId, now, leaseMs) {
            const state = parse(sql.load.get(agentId));
            if (!state || state.state === 'stopped')
                return;
            if (state.state === 'lost')
                apply({ kind: 'RegisterAgent', agentId, host: state.host, labels: state.labels, types: state.types, concurrency: state.concurrency }, now);
            sql.lease.run(agentId, now, now + leaseMs);
        },
        stop(agentId, reason, now) {
            const view = apply({ kind: 'StopAgent', agentId, reason }, now);
            sql.dropLease.run(agentId);
            return view;
        },
        expire(limit, now) {
            return sql.expired.all(now, limit).flatMap(({ id, last_seen_at }) => {
                const view = apply({ kind: 'MarkAgentLost', agentId: id, lastSeenAt: last_seen_at }, now);
                return view ? [view] : [];
            });
        },
        list(states) {
            return sql.all.all().map((row) => JSON.parse(row.doc)).filter((a) => !states?.length || states.includes(a.state)).map(info);
        },
        get(agentId) {
            const view = parse(sql.load.get(agentId));
            return view ? info(view) : null;
        },
    };
}
export { createSqliteAgents };
//# sourceMappingURL=sqlite-agents.js.map