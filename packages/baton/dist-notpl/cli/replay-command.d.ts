import type { Command } from 'commander';
/** `baton replay`: folds the whole log into every projection and compares it with the tables. */
declare function registerReplayCommand(program: Command): void;
/** `baton events export`: the log, or a range of it, as NDJSON, straight from the database. */
declare function registerExportCommand(program: Command): void;
export { registerReplayCommand, registerExportCommand };
//# sourceMappingURL=replay-command.d.ts.map