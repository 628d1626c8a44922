type DatabaseConfig = {
    driver: 'sqlite';
    path: string;
} | {
    driver: 'postgres';
    connectionString: string;
    schema: string;
};
/**
 * Reads `sqlite:./baton.db`, `sqlite::memory:`, `:memory:`, a bare file path,
 * or `postgres://user@host:port/db?schema=name` (the schema Baton's tables live
 * in; `baton` by default, so Baton can share an application's database).
 */
declare function parseDatabaseUrl(url: string, options?: {
    schema?: string;
}): DatabaseConfig;
/** A URL fit for logs and messages: the password replaced. */
declare function redactDatabaseUrl(text: string): string;
export { parseDatabaseUrl, redactDatabaseUrl };
export type { DatabaseConfig };
//# sourceMappingURL=database-url.d.ts.map