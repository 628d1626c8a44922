import type { Command } from 'commander';
/** `--database` and `--schema`, with their environment defaults, for the commands that open a database directly. */
declare function withDatabaseOptions(command: Command): Command;
export { withDatabaseOptions };
//# sourceMappingURL=database-options.d.ts.map