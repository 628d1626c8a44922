import type { Command } from 'commander';
/** schedule add|list|pause|resume|remove: thin commands over the SDK. */
declare function registerScheduleCommands(program: Command): void;
export { registerScheduleCommands };
//# sourceMappingURL=schedule-commands.d.ts.map