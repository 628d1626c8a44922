import pg from 'pg';
import { BatonError } from '@baton/core';
import { createPgLeadership } from '../storage/postgres/pg-leadership.js';
import { createPgListener } from '../storage/postgres/pg-listener.js';
import { pgNames } from '../storage/postgres/pg-schema.js';
import { createPgStore } from '../storage/postgres/pg-store.js';
import { createSqliteStore } from '../storage/sqlite/sqlite-store.js';
import { redactDatabaseUrl } from './database-url.js';
/** Baton's own transactions never wait on anything but the database between statements: seconds idle means a stuck node. */
const IDLE_IN_TRANSACTION_MS = 5_000;
/** Connections of the other pool opened at start and kept while idle: nothing in the hot path waits on it. */
const WARM_OTHER_CONNECTIONS = 2;
/** Hot connections that get every hot statement prepared at start; the rest get the submit's. */
const PREPARED_AT_START = 4;
/**
 * Opens `count` pool connections now, not under the first requests, and has
 * each plan a read of the hot tables: a fresh backend's first plan over a
 * table loads its catalog entries and those of every index, tens of
 * milliseconds that a first burst of submits would otherwise wait out.
 */
async function warmConnections(params) {
    const { pool, names, count } = params;
    const clients = await Promise.all(Array.from({ length: count }, () => pool.connect()));
    try {
        await Promise.all(clients.map((c) => c.query(`SELECT (SELECT 1 FROM ${names.table('tasks')} WHERE id = '') AS t, (SELECT 1 FROM ${names.table('events')} WHERE seq = 0) AS e`)));
    }
    finally {
        for (const c of clients)
            c.release();
    }
}
/** A driver error as a log line wants it: pg hangs the whole client object on some of its errors. */
function briefly(error) {
    const { message, code } = error;
    return { message: String(message ?? error), ...(typeof code === 'string' ? { code } : {}) };
}
/** The only place that picks a storage driver. */
async function openStorage(params) {
    const { config, logger } = params;
    if (config.driver === 'sqlite') {
        try {
            const store = createSqliteStore({ path: config.path, clock: params.clock });
            return { store, close: () => store.close() };
        }
        catch (error) {
            throw new BatonError({ code: 'CONFIG_INVALID', message: `database: cannot open ${config.path}: ${error.message}` });
        }
    }
    const names = pgNames(config.schema);
    const applicationName = `baton/${names.schema}`;
    const poolSize = params.poolSize ?? 10;
    // Every hot connection opens at start, with the submit statements prepared: one opened under a burst made its
    // first submit wait for a new backend and its plans (tens of milliseconds), and a delayed task submitted in that
    // burst started that much late. The other hot statements are prepared on a few only (see warmHotStatements).
    const warm = poolSize;
    const preparedAtStart = Math.min(PREPARED_AT_START, poolSize);
    const openPool = (extra) => {
        const opened = new pg.Pool({
            connectionString: config.connectionString,
            application_name: applicationName,
            max: poolSize,
            connectionTimeoutMillis: 5_000,
            keepAlive: true,
            // A node frozen (SIGSTOP, a stalled VM) inside one of its short transactions would hold that transaction's row
            // locks, and every sweep skips locked rows: the server ends such a session instead, and the locks go with it.
            idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_MS,
            // Kept open while idle (`min`): a connection opened on demand costs its first request tens of milliseconds.
            ...extra,
        });
        // A pooled connection the server dropped while idle is replaced on next use; without this listener it would crash the process.
        opened.on('error', (error) => logger.warn({ err: briefly(error) }, 'an idle database connection was lost; it will be replaced'));
        return opened;
    };
    // Locked transactions, sweeps and reads: fewer kept warm, as nothing waits on them in the hot path.
    const pool = openPool({ min: Math.min(WARM_OTHER_CONNECTIONS, poolSize) });
    // The hot statements (submit, claim, reports, promotion) are prepared, and their custom plans cost more to make
    // than to run; sessions of this pool plan them once (ADR 0022). Every other statement stays on `pool`.
    // And no JIT: a statement over a JSON parameter is estimated at 100 rows, and one such estimate past jit_above_cost
    // made a one-task submit spend 72 ms compiling code it then ran in 1 ms.
    const hotPool = openPool({ min: warm, options: '-c plan_cache_mode=force_generic_plan -c jit=off' });
    let store;
    try {
        store = await createPgStore({ pool, hotPool, schema: names.schema, endPoolOnClose: true, ...(params.storeOnly ? {} : { warmHot: { connections: warm, allOn: preparedAtStart } }) });
    }
    catch (error) {
        await Promise.all([pool.end(), hotPool.end()]).catch(() => undefined);
        if (error instanceof BatonError)
            throw error;
        throw new BatonError({ code: 'UNREACHABLE', message: `database ${redactDatabaseUrl(config.connectionString)}: ${error.message}` });
    }
    if (params.storeOnly)
        return { store, close: () => store.close() };
    await warmConnections({ pool, names, count: Math.min(WARM_OTHER_CONNECTIONS, poolSize) }).catch((error) => logger.warn({ err: briefly(error) }, 'database: could not open the warm connections; they will open on demand'));
    const onError = (error, during) => logger.warn({ err: briefly(error) }, `database: ${during}`);
    const bus = createPgListener({ connectionString: config.connectionString, applicationName, channel: names.channel, onError });
    const leadership = createPgLeadership({
        connectionString: config.connectionString,
        applicationName,
        schema: names.schema,
        onError,
        ...(params.leaderCheckMs === undefined ? {} : { checkIntervalMs: params.leaderCheckMs }),
    });
    return {
        store,
        cluster: { bus, leadership },
        async close() {
            await leadership.close();
            await bus.close();
            await store.close();
        },
    };
}
export { openStorage };
//# sourceMappingURL=open-storage.js.map