import pg from 'pg';
import { decodeSignals } from './pg-signals.js';
const MAX_RECONNECT_MS = 5_000;
const QUERY_DEADLINE_MS = 5_000;
/**
 * The cluster's signal channel: one dedicated connection per node LISTENing on
 * the schema's channel. It reconnects with backoff for as long as the node runs;
 * after every reconnect it tells its listeners to resync, because whatever was
 * notified while it was away is gone.
 */
function createPgListener(options) {
    const listeners = new Set();
    const checkIntervalMs = options.checkIntervalMs ?? 5_000;
    let client = null;
    let connected = false;
    let closed = false;
    let retryMs = 100;
    let reconnectTimer = null;
    let checkTimer = null;
    const emit = (signal) => {
        for (const listener of listeners)
            listener(signal);
    };
    function drop(current, error) {
        if (client !== current)
            return;
        client = null;
        if (connected)
            options.onError(error, 'listening for cluster signals (reconnecting)');
        connected = false;
        if (checkTimer)
            clearInterval(checkTimer);
        current.removeAllListeners('notification');
        current.end().catch(() => undefined);
        scheduleReconnect();
    }
    function scheduleReconnect() {
        if (closed || reconnectTimer)
            return;
        reconnectTimer = setTimeout(() => {
            reconnectTimer = null;
            void connect();
        }, retryMs);
        retryMs = Math.min(retryMs * 2, MAX_RECONNECT_MS);
    }
    async function connect() {
        const current = new pg.Client({
            connectionString: options.connectionString,
            application_name: options.applicationName ?? 'baton',
            connectionTimeoutMillis: QUERY_DEADLINE_MS,
            query_timeout: QUERY_DEADLINE_MS,
            keepAlive: true,
        });
        client = current;
        current.on('error', (error) => drop(current, error));
        current.on('end', () => drop(current, new Error('the LISTEN connection closed')));
        current.on('notification', (message) => {
            if (message.channel === options.channel)
                for (const signal of decodeSignals(message.payload))
                    emit(signal);
        });
        try {
            await current.connect();
            await current.query(`LISTEN "${options.channel}"`);
        }
        catch (error) {
            if (!connected)
                options.onError(error, 'connecting to listen for cluster signals');
            drop(current, error);
            return;
        }
        if (closed) {
            await current.end().catch(() => undefined);
            return;
        }
        connected = true;
        retryMs = 100;
        // An idle connection can die silently (a cut network); a cheap query finds out.
        checkTimer = setInterval(() => {
            current.query('SELECT 1').catch((error) => drop(current, error));
        }, checkIntervalMs);
        emit({ kind: 'resync' });
    }
    void connect();
    return {
        subscribe(listener) {
            listeners.add(listener);
            return () => listeners.delete(listener);
        },
        connected: () => connected,
        async close() {
            closed = true;
            if (reconnectTimer)
                clearTimeout(reconnectTimer);
            if (checkTimer)
                clearInterval(checkTimer);
            const current = client;
            client = null;
            connected = false;
            listeners.clear();
            if (current) {
                current.removeAllListeners();
                current.on('error', () => undefined);
                await current.end().catch(() => undefined);
            }
        },
    };
}
export { createPgListener };
//# sourceMappingURL=pg-listener.js.map