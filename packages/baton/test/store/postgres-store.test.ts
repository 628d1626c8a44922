import { describe, expect, it } from 'vitest';
import { createPgStore } from '../../src/storage/postgres/pg-store.js';
import { PG_MIGRATIONS } from '../../src/storage/postgres/pg-migrations.js';
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

  it('migrates a fresh schema once when several nodes start together (advisory lock)', async () => {
    const schema = uniqueSchema('migrate');
    const pools = Array.from({ length: 4 }, () => testPool({ max: 2 }));
    try {
      const stores = await Promise.all(pools.map((pool) => createPgStore({ pool, schema })));
      expect(stores).toHaveLength(4);
      const { rows } = await pools[0]!.query(`SELECT id FROM "${schema}".migrations ORDER BY id`);
      expect(rows.map((r) => r.id)).toEqual(PG_MIGRATIONS.map((m) => m.id));
    } finally {
      await Promise.all(pools.map((p) => p.end()));
      await dropSchema(schema);
    }
  });

  it('refuses a schema migrated by a newer Baton, and a schema name that is not a plain identifier', async () => {
    const schema = uniqueSchema('newer');
    const pool = testPool({ max: 2 });
    try {
      await createPgStore({ pool, schema });
      await pool.query(`INSERT INTO "${schema}".migrations (id, name) VALUES (9999, 'from the future')`);
      await expect(createPgStore({ pool, schema })).rejects.toThrow(/newer Baton \(migrations 9999/);
      await expect(createPgStore({ pool, schema: 'bad"; DROP SCHEMA public; --' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    } finally {
      await pool.end();
      await dropSchema(schema);
    }
  });
});
