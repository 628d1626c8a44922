import { join } from 'node:path';
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { makeTempDir } from '../support/temp-dir.js';
import { describeStoreContract } from './store-contract.js';

describeStoreContract({
  driver: 'sqlite (file, WAL)',
  persistent: true,
  open: async ({ clock }) => {
    const tmp = makeTempDir('sqlite');
    const path = join(tmp.dir, 'baton.db');
    let store = createSqliteStore({ path, clock });
    return {
      store,
      reopen: async () => {
        await store.close();
        store = createSqliteStore({ path, clock });
        return store;
      },
      cleanup: async () => {
        await store.close();
        tmp.remove();
      },
    };
  },
});

describeStoreContract({
  driver: 'sqlite (:memory:)',
  persistent: false,
  open: async ({ clock }) => {
    const store = createSqliteStore({ path: ':memory:', clock });
    return { store, cleanup: () => store.close() };
  },
});
