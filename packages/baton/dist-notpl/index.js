export { createBaton } from './app/create-baton.js';
export { createEngine } from './engine/engine.js';
export { createSqliteStore } from './storage/sqlite/sqlite-store.js';
export { createInProcessTransport } from './transport/in-process-transport.js';
export { defineTask, BatonError } from '@baton/core';
export { NonRetryableError } from '@baton/client';
export { defineHandler, isolatedHandler } from '@baton/client';
//# sourceMappingURL=index.js.map