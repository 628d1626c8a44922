import pg from 'pg';
import { LOCK_NAMESPACE } from './pg-schema.js';
const QUERY_DEADLINE_MS = 5_000;
/**
 * Leadership by a session advisory lock on a connection of its own: the node
 * whose session holds the lock leads. PostgreSQL releases the lock when that
 * session ends, whether the node exited, was killed, or lost its connection, so
 * another node takes over within one check interval. A leader checks its
 * session on the same beat and steps down the moment it fails. A leader that
 * stops checking (frozen, partitioned) loses its session to the server's
 * idle_session_timeout, three check intervals (at least 3 s) later.
 */
function createPgLeadership(options) {
    const checkIntervalMs = options.checkIntervalMs ?? 1_000;
    // Three missed checks; an integer we computed ourselves, so it can stand in the SQL text.
    const idleSessionTimeoutMs = Math.max(3_000, 3 * Math.floor(checkIntervalMs));
    const listeners = new Set();
    let client = null;
    let leader = false;
    let closed = false;
    let timer = null;
    let beating = Promise.resolve();
    function setLeader(value) {
        if (leader === value)
            return;
        leader = value;
        for (const listener of listeners)
            listener(value);
    }
    function discard(error) {
        const current = client;
        client = null;
        if (leader && !closed)
            options.onError(error, 'holding the leader lock (stepping down)');
        setLeader(false);
        if (current) {
            current.removeAllListeners();
            current.on('error', () => undefined);
            current.end().catch(() => undefined);
        }
    }
    async function beat() {
        try {
            if (!client) {
                const fresh = new pg.Client({ connectionString: options.connectionString, application_name: options.applicationName ?? 'baton', connectionTimeoutMillis: QUERY_DEADLINE_MS, query_timeout: QUERY_DEADLINE_MS, keepAlive: true });
                fresh.on('error', (error) => {
                    if (client === fresh)
                        discard(error);
                });
                client = fresh;
                await fresh.connect();
                // A leader frozen (SIGSTOP, a stalled VM) or cut off keeps its TCP session, and with it the lock. The server
                // ends a session that stays idle this long, so the lock is freed for a follower while the leader cannot act.
                await fresh.query(`SET idle_session_timeout = ${idleSessionTimeoutMs}`);
            }
            if (leader) {
                await client.query('SELECT 1');
                return;
            }
            const { rows } = await client.query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS won', [LOCK_NAMESPACE.leader, options.schema]);
            if (rows[0]?.won && !closed)
                setLeader(true);
        }
        catch (error) {
            discard(error);
        }
    }
    function schedule(delay) {
        if (closed)
            return;
        timer = setTimeout(() => {
            beating = beat().finally(() => schedule(checkIntervalMs));
        }, delay);
    }
    schedule(0);
    return {
        isLeader: () => leader && !closed,
        onChange(listener) {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
        async close() {
            closed = true;
            if (timer)
                clearTimeout(timer);
            await beating;
            // Ending the session releases the lock at once, so a successor need not wait for a timeout.
            discard(new Error('closing'));
            listeners.clear();
        },
    };
}
export { createPgLeadership };
//# sourceMappingURL=pg-leadership.js.map