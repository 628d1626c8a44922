import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isolatedHandler } from '@baton/client';
/**
 * Loads a handlers file: an ES module whose default export (or `handlers`
 * export) is a list of `defineHandler(definition, fn)` entries.
 */
async function loadHandlers(path) {
    const url = pathToFileURL(resolve(path));
    let mod;
    try {
        mod = (await import(url.href));
    }
    catch (error) {
        throw new Error(`cannot load handlers from ${path}: ${error.message}`);
    }
    const list = mod.handlers ?? mod.default;
    if (!Array.isArray(list) || list.some((e) => typeof e?.handler !== 'function' || typeof e?.definition?.type !== 'string')) {
        throw new Error(`${path} must export a list of defineHandler(definition, fn) entries (as default or as "handlers")`);
    }
    // An isolated entry runs in its own thread or process, which loads this same file and picks the entry by type.
    const exportName = mod.handlers ? 'handlers' : 'default';
    return list.map((entry) => entry.isolation
        ? { ...entry, handler: isolatedHandler({ module: url, exportName, type: entry.definition.type, isolation: entry.isolation }) }
        : entry);
}
export { loadHandlers };
//# sourceMappingURL=load-handlers.js.map