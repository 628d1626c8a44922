import { constants, existsSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { parseDatabaseUrl, redactDatabaseUrl } from './database-url.js';
import { MIGRATIONS } from '../storage/sqlite/migrations.js';
import { PG_MIGRATIONS } from '../storage/postgres/pg-migrations.js';
import { pgNames } from '../storage/postgres/pg-schema.js';
/** Past this, a node's delayed tasks start late (its timer runs on its own clock, promotion on the database's). */
const CLOCK_SKEW_WARN_MS = 1_000;
const CONNECT_TIMEOUT_MS = 5_000;
const messageOf = (error) => (error instanceof Error ? error.message : String(error));
/** Which migrations a database has, against the ones this Baton knows. */
function migrationCheck(params) {
    const applied = new Set(params.applied);
    const known = new Set(params.known.map((m) => m.id));
    const unknown = [...applied].filter((id) => !known.has(id));
    if (unknown.length > 0) {
        return { check: 'migrations', status: 'fail', detail: `${params.where} was migrated by a newer Baton (migrations ${unknown.join(', ')} are unknown here): upgrade Baton` };
    }
    const pending = params.known.filter((m) => !applied.has(m.id));
    if (pending.length === 0)
        return { check: 'migrations', status: 'ok', detail: `all ${params.known.length} applied` };
    return {
        check: 'migrations',
        status: 'warn',
        detail: `${pending.length} of ${params.known.length} not applied yet (${pending.map((m) => `${m.id} ${m.name}`).join(', ')}): the next baton server applies them at start`,
    };
}
async function sqliteChecks(config) {
    if (config.path === ':memory:') {
        return [
            { check: 'database', status: 'ok', detail: 'in memory: nothing to check, and nothing kept after the process ends' },
            { check: 'clock', status: 'ok', detail: "embedded: this machine's clock is the only one" },
        ];
    }
    const path = resolve(config.path);
    const clock = { check: 'clock', status: 'ok', detail: "embedded: this machine's clock is the only one" };
    if (!existsSync(path)) {
        const writable = await access(dirname(path), constants.W_OK).then(() => true, () => false);
        return [
            writable
                ? { check: 'database', status: 'warn', detail: `${path} does not exist yet; baton server creates it` }
                : { check: 'database', status: 'fail', detail: `${path} does not exist, and its folder is not writable` },
            clock,
        ];
    }
    let db;
    try {
        db = new Database(path, { readonly: true, fileMustExist: true });
    }
    catch (error) {
        return [{ check: 'database', status: 'fail', detail: `${path}: ${messageOf(error)}` }, clock];
    }
    try {
        const writable = await access(path, constants.W_OK).then(() => true, () => false);
        const mode = db.pragma('journal_mode', { simple: true }).toLowerCase();
        const database = writable
            ? { check: 'database', status: mode === 'wal' ? 'ok' : 'warn', detail: `${path} (SQLite ${db.prepare('SELECT sqlite_version() AS v').pluck().get()}, journal ${mode}${mode === 'wal' ? '' : '; baton server switches it to wal'})` }
            : { check: 'database', status: 'fail', detail: `${path} is not writable by this user` };
        const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'baton_migrations'").get() !== undefined;
        const applied = hasTable ? db.prepare('SELECT id FROM baton_migrations').pluck().all() : [];
        return [database, migrationCheck({ applied, known: MIGRATIONS, where: path }), clock];
    }
    finally {
        db.close();
    }
}
async function postgresChecks(config) {
    const names = pgNames(config.schema);
    const client = new pg.Client({ connectionString: config.connectionString, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, application_name: `baton-doctor/${names.schema}` });
    try {
        await client.connect();
    }
    catch (error) {
        return [
            { check: 'database', status: 'fail', detail: `${redactDatabaseUrl(config.connectionString)}: ${messageOf(error)}` },
            { check: 'migrations', status: 'fail', detail: 'not checked: no database' },
            { check: 'clock', status: 'fail', detail: 'not checked: no database' },
        ];
    }
    try {
        const sent = Date.now();
        const { rows } = await client.query(`SELECT current_setting('server_version') AS version, NOT pg_is_in_recovery() AS writable, (extract(epoch from clock_timestamp()) * 1000)::float8 AS db_ms`);
        const received = Date.now();
        const row = rows[0];
        const database = row.writable
            ? { check: 'database', status: 'ok', detail: `${redactDatabaseUrl(config.connectionString)} (PostgreSQL ${row.version}), schema "${names.schema}"` }
            : { check: 'database', status: 'fail', detail: `${redactDatabaseUrl(config.connectionString)} is read-only (a standby in recovery): point Baton at the primary` };
        // The database read its clock somewhere within the round trip: its middle is the best guess of when.
        const skew = Math.round(row.db_ms - (sent + received) / 2);
        const clock = Math.abs(skew) <= CLOCK_SKEW_WARN_MS
            ? { check: 'clock', status: 'ok', detail: `within ${Math.abs(skew)} ms of the database's (±${Math.ceil((received - sent) / 2)} ms)` }
            : {
                check: 'clock',
                status: 'warn',
                detail: `this machine's clock is ${Math.abs(skew)} ms ${skew > 0 ? 'behind' : 'ahead of'} the database's: leases and due times use the database's, but this node's delayed tasks may start up to that late; sync it (NTP)`,
            };
        const table = await client.query(`SELECT to_regclass($1) IS NOT NULL AS present`, [names.table('migrations')]);
        const applied = table.rows[0]?.present ? (await client.query(`SELECT id FROM ${names.table('migrations')}`)).rows.map((r) => r.id) : [];
        return [database, migrationCheck({ applied, known: PG_MIGRATIONS, where: `schema "${names.schema}"` }), clock];
    }
    finally {
        await client.end().catch(() => undefined);
    }
}
/**
 * `baton doctor`: checks what a node needs before it starts, without
 * changing anything (no migration, no write): the configuration, the
 * database (reachable, writable), its migrations against this Baton's, and
 * this machine's clock against the database's.
 */
async function runDoctor(params) {
    let config;
    try {
        config = parseDatabaseUrl(params.database, params.schema ? { schema: params.schema } : {});
    }
    catch (error) {
        return [{ check: 'configuration', status: 'fail', detail: messageOf(error) }];
    }
    const configuration = {
        check: 'configuration',
        status: 'ok',
        detail: config.driver === 'sqlite' ? `embedded SQLite at ${config.path}` : `PostgreSQL ${redactDatabaseUrl(config.connectionString)}, schema "${config.schema}"`,
    };
    return [configuration, ...(config.driver === 'sqlite' ? await sqliteChecks(config) : await postgresChecks(config))];
}
export { runDoctor };
//# sourceMappingURL=doctor.js.map