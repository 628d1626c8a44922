import { type HandlerEntry } from '@baton/client';
/**
 * Loads a handlers file: an ES module whose default export (or `handlers`
 * export) is a list of `defineHandler(definition, fn)` entries.
 */
declare function loadHandlers(path: string): Promise<HandlerEntry[]>;
export { loadHandlers };
//# sourceMappingURL=load-handlers.d.ts.map