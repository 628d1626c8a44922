import { BatonClient } from '@baton/client';
import type { Command } from 'commander';
declare function clientFrom(command: Command): BatonClient;
declare function parseJsonArg(text: string, what: string): unknown;
/** submit, get, list, cancel, await and agents: thin commands over the SDK. */
declare function registerTaskCommands(program: Command): void;
export { registerTaskCommands, clientFrom, parseJsonArg };
//# sourceMappingURL=task-commands.d.ts.map