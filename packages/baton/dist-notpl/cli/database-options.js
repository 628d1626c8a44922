/** `--database` and `--schema`, with their environment defaults, for the commands that open a database directly. */
function withDatabaseOptions(command) {
    return command
        .option('--database <url>', 'sqlite:PATH or postgres://… (env BATON_DATABASE_URL)', process.env.BATON_DATABASE_URL ?? 'sqlite:./baton.db')
        .option('--schema <name>', 'PostgreSQL schema (env BATON_DATABASE_SCHEMA)', process.env.BATON_DATABASE_SCHEMA);
}
export { withDatabaseOptions };
//# sourceMappingURL=database-options.js.map