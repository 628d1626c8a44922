import { BatonError } from '@baton/core';
/** PostgreSQL folds unquoted names to lower case; we accept only names that need no quoting rules beyond ours. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;
function pgNames(schema) {
    if (!SCHEMA_NAME.test(schema)) {
        throw new BatonError({
            code: 'CONFIG_INVALID',
            message: `database schema "${schema}": use 1 to 48 characters of a-z, 0-9 and _, not starting with a digit`,
        });
    }
    return {
        schema,
        table: (name) => `"${schema}"."${name}"`,
        eventSeq: `"${schema}"."events_seq_seq"`,
        channel: `${schema}_signals`,
    };
}
/** Advisory lock keys: one namespace for Baton, the second key hashed from the schema so schemas never block each other. */
const LOCK_NAMESPACE = { migrate: 0x6261_0001, leader: 0x6261_0002, limits: 0x6261_0003, job: 0x6261_0004, rebuild: 0x6261_0005 };
/** The database clock in epoch milliseconds, unless a test pins the time with a bound value. */
function nowSql(param) {
    return `COALESCE(${param}::bigint, (extract(epoch from clock_timestamp()) * 1000)::bigint)`;
}
export { pgNames, nowSql, LOCK_NAMESPACE };
//# sourceMappingURL=pg-schema.js.map