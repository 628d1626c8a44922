export { createAgent } from './agent/agent.js';
export type { Agent, AgentOptions } from './agent/agent.js';
export type { AgentTransport } from './agent/agent-transport.js';
export type { TaskContext, TaskHandler } from './agent/task-context.js';
export { NonRetryableError, TaskTimeoutError, isRetryable, toErrorInfo } from './agent/task-errors.js';
