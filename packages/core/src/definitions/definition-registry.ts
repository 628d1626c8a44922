import type { TaskDefinition } from './task-definition.js';

type AnyDefinition = TaskDefinition<unknown>;

/** The task definitions a scheduler accepts submissions for, by type. */
interface DefinitionRegistry {
  register(definition: AnyDefinition): void;
  get(type: string): AnyDefinition | undefined;
  list(): AnyDefinition[];
}

function createDefinitionRegistry(params: { definitions?: readonly AnyDefinition[] } = {}): DefinitionRegistry {
  const byType = new Map<string, AnyDefinition>();
  const registry: DefinitionRegistry = {
    register(definition) {
      const existing = byType.get(definition.type);
      // A newer version replaces an older one (a rolling deploy); an older one
      // arriving late must not roll the scheduler back.
      if (existing && existing.version >= definition.version) return;
      byType.set(definition.type, definition);
    },
    get: (type) => byType.get(type),
    list: () => [...byType.values()],
  };
  for (const definition of params.definitions ?? []) registry.register(definition);
  return registry;
}

export { createDefinitionRegistry };
export type { DefinitionRegistry, AnyDefinition };
