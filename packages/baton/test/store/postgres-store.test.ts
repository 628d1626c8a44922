import { describe } from 'vitest';
import { createPgStore } from '../../src/storage/postgres/pg-store.js';
import { dropSchema, postgresAvailable, testPool, uniqueSchema } from '../support/postgres.js';
import { describeStoreContract } from './store-contract.js';

describe.runIf(postgresAvailable)('postgres', () => {
  describeStoreContract({
    driver: 'postgres',
    persistent: true,
    open: async ({ clock }) => {
      const schema = uniqueSchema('contract');
      let pool = testPool();
      let store = await createPgStore({ pool, schema, clock, endPoolOnClose: true });
      return {
        store,
        reopen: async () => {
          await store.close();
          pool = testPool();
          store = await createPgStore({ pool, schema, clock, endPoolOnClose: true });
          return store;
        },
        cleanup: async () => {
          await store.close();
          await dropSchema(schema);
        },
      };
    },
  });
});
