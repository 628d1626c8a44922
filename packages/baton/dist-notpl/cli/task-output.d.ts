import type { AgentResource, TaskExplanation, TaskResource } from '@baton/core';
declare function printJson(value: unknown): void;
/** A plain table, columns padded to their widest cell; the first row is the header. */
declare function printTable(rows: readonly (readonly string[])[]): void;
declare function printTaskTable(tasks: readonly TaskResource[]): void;
declare function printAgentTable(agents: readonly AgentResource[]): void;
/** `key  value` lines, the keys padded to the widest; a value that is not a string is shown as JSON. */
declare function printFields(fields: readonly (readonly [string, unknown])[]): void;
/** One task for people: what it is, where it stands, what it returned or why it failed. */
declare function printTaskDetail(task: TaskResource): void;
/** One agent for people, with the tasks it holds. */
declare function printAgentDetail(agent: AgentResource): void;
/** The task's state, then one line per reason it is not running, each with when it ends by itself if known. */
declare function printExplanation(explanation: TaskExplanation): void;
export { printJson, printTable, printFields, printTaskTable, printTaskDetail, printAgentTable, printAgentDetail, printExplanation };
//# sourceMappingURL=task-output.d.ts.map