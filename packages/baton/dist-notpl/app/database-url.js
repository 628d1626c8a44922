import { BatonError } from '@baton/core';
const DEFAULT_PG_SCHEMA = 'baton';
/**
 * Reads `sqlite:./baton.db`, `sqlite::memory:`, `:memory:`, a bare file path,
 * or `postgres://user@host:port/db?schema=name` (the schema Baton's tables live
 * in; `baton` by default, so Baton can share an application's database).
 */
function parseDatabaseUrl(url, options = {}) {
    const trimmed = url.trim();
    if (trimmed === '')
        throw new BatonError({ code: 'CONFIG_INVALID', message: 'database: empty; use sqlite:./baton.db, sqlite::memory: or postgres://…' });
    if (/^postgres(ql)?:\/\//i.test(trimmed))
        return parsePostgresUrl(trimmed, options.schema);
    if (trimmed === ':memory:' || trimmed === 'sqlite::memory:')
        return { driver: 'sqlite', path: ':memory:' };
    if (trimmed.startsWith('sqlite://'))
        return { driver: 'sqlite', path: trimmed.slice('sqlite://'.length) };
    if (trimmed.startsWith('sqlite:'))
        return { driver: 'sqlite', path: trimmed.slice('sqlite:'.length) };
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) {
        throw new BatonError({ code: 'CONFIG_INVALID', message: `database: unknown scheme in "${trimmed.split(':')[0]}:"; use sqlite:PATH or postgres://…` });
    }
    return { driver: 'sqlite', path: trimmed };
}
function parsePostgresUrl(text, schemaOption) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new BatonError({ code: 'CONFIG_INVALID', message: 'database: not a valid postgres:// URL' });
    }
    const fromUrl = url.searchParams.get('schema');
    // Ours, not the server's: pg would pass an unknown parameter on to PostgreSQL, which refuses it.
    url.searchParams.delete('schema');
    return { driver: 'postgres', connectionString: url.toString(), schema: schemaOption ?? fromUrl ?? DEFAULT_PG_SCHEMA };
}
/** A URL fit for logs and messages: the password replaced. */
function redactDatabaseUrl(text) {
    return text.replace(/^(postgres(?:ql)?:\/\/[^:/@]+:)[^@]*@/i, '$1***@');
}
export { parseDatabaseUrl, redactDatabaseUrl };
//# sourceMappingURL=database-url.js.map