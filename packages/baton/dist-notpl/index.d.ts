export { createBaton } from './app/create-baton.js';
export type { Baton, BatonOptions } from './app/create-baton.js';
export { createEngine } from './engine/engine.js';
export type { Engine, EngineOptions, EngineLogger, SubmitResult } from './engine/engine.js';
export type { SubmitTaskInput } from './engine/submission.js';
export type { SubmitJobInput } from './engine/job-submission.js';
export type { JobWithTasks, SubmittedJob } from './engine/job-service.js';
export type { Workflow } from './workflows/workflow-loader.js';
export { createSqliteStore } from './storage/sqlite/sqlite-store.js';
export type { SqliteStoreOptions } from './storage/sqlite/sqlite-store.js';
export { createInProcessTransport } from './transport/in-process-transport.js';
export { defineTask, BatonError } from '@baton/core';
export type { TaskDefinition, TaskView, JobView } from '@baton/core';
export { NonRetryableError } from '@baton/client';
export type { Agent, TaskContext, TaskHandler } from '@baton/client';
export { defineHandler, isolatedHandler } from '@baton/client';
export type { Isolation, IsolatedHandlerOptions } from '@baton/client';
export type { HandlerEntry } from '@baton/client';
//# sourceMappingURL=index.d.ts.map