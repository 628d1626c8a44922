import type { Command } from 'commander';
/** `baton history <id>`: a task's (job's, agent's, reminder's, schedule's) events in order, and its state then. */
declare function registerHistoryCommand(program: Command): void;
export { registerHistoryCommand };
//# sourceMappingURL=history-command.d.ts.map