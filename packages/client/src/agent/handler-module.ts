import type { AnyDefinition, TaskDefinition } from '@baton/core';
import type { TaskHandler } from './task-context.js';

/** A definition and the function that runs it: what a handlers file exports a list of. */
interface HandlerEntry {
  definition: AnyDefinition;
  handler: TaskHandler<unknown>;
}

function defineHandler<P>(definition: TaskDefinition<P>, handler: TaskHandler<P>): HandlerEntry {
  return { definition: definition as AnyDefinition, handler: handler as TaskHandler<unknown> };
}

export { defineHandler };
export type { HandlerEntry };
