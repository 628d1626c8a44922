import type { AnyDefinition, TaskDefinition } from '@baton/core';
import type { Isolation } from './isolated-handler.js';
import type { TaskHandler } from './task-context.js';

/** A definition and the function that runs it: what a handlers file exports a list of. */
interface HandlerEntry {
  definition: AnyDefinition;
  handler: TaskHandler<unknown>;
  /** Run this handler in a worker thread or child process that is terminated on timeout or cancel. */
  isolation?: Isolation;
}

function defineHandler<P>(definition: TaskDefinition<P>, handler: TaskHandler<P>, options: { isolation?: Isolation } = {}): HandlerEntry {
  return { definition: definition as AnyDefinition, handler: handler as TaskHandler<unknown>, ...(options.isolation ? { isolation: options.isolation } : {}) };
}

export { defineHandler };
export type { HandlerEntry };
