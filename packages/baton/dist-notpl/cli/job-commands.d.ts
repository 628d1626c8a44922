import { type JobResource } from '@baton/core';
import type { Command } from 'commander';
/** A job's graph as a table: one row per task, a broadcast step's copies under it. */
declare function printJobGraph(job: JobResource): void;
/** job submit|get|list|cancel|await, trigger and workflows: thin commands over the SDK. */
declare function registerJobCommands(program: Command): void;
export { registerJobCommands, printJobGraph };
//# sourceMappingURL=job-commands.d.ts.map