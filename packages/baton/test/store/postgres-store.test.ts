import { describe, expect, it } from 'vitest';
import { createPgStore } from '../../src/storage/postgres/pg-store.js';
import { PG_MIGRATIONS } from '../../src/storage/postgres/pg-migrations.js';
import { pgNames } from '../../src/storage/postgres/pg-schema.js';
import { dropSchema, postgresAvailable, testPool, uniqueSchema } from '../support/postgres.js';
import { describeStoreContract } from './store-contract.js';
import { newTask } from './store-contract-support.js';

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

  it('keys compare by bytes (migration 11): an empty schema stays unanalyzed, one with events is analyzed and reads as before', async () => {
    const fresh = uniqueSchema('bytes');
    const older = uniqueSchema('bytes_old');
    const pool = testPool({ max: 2 });
    const collations = async (schema: string) =>
      (
        await pool.query(
          `SELECT c.relname || '.' || a.attname AS col, co.collname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
           JOIN pg_collation co ON co.oid = a.attcollation WHERE n.nspname = $1 AND (c.relname, a.attname) IN (('tasks', 'id'), ('tasks', 'type'), ('tasks', 'state'), ('events', 'stream_id'), ('tasks', 'serial_key')) ORDER BY 1`,
          [schema],
        )
      ).rows;
    const reltuples = async (schema: string) => Number((await pool.query(`SELECT reltuples FROM pg_class WHERE oid = $1::regclass`, [`"${schema}".tasks`])).rows[0].reltuples);
    try {
      const store = await createPgStore({ pool, schema: fresh });
      await store.close();
      expect(await collations(fresh)).toEqual([
        { col: 'events.stream_id', collname: 'C' },
        { col: 'tasks.id', collname: 'C' },
        { col: 'tasks.serial_key', collname: 'default' },
        { col: 'tasks.state', collname: 'C' },
        { col: 'tasks.type', collname: 'C' },
      ]);
      expect(await reltuples(fresh)).toBe(-1);

      // A schema at migration 10 with a task on it, as an older Baton left it.
      const names = pgNames(older);
      await pool.query(`CREATE SCHEMA "${older}"; CREATE TABLE ${names.table('migrations')} (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
      for (const m of PG_MIGRATIONS.filter((m) => m.id <= 10)) {
        await pool.query(m.sql(names));
        await pool.query(`INSERT INTO ${names.table('migrations')} (id, name) VALUES ($1, $2)`, [m.id, m.name]);
      }
      expect((await collations(older)).find((c) => c.col === 'tasks.id')?.collname).toBe('default');
      const before = await createPgStore({ pool, schema: fresh });
      const [task] = await before.submit({ tasks: [newTask()] }).then((o) => o.map((x) => x.task));
      await before.close();
      // Its row and events, copied as they are into the older schema.
      await pool.query(`INSERT INTO "${older}".tasks SELECT * FROM "${fresh}".tasks; INSERT INTO "${older}".events SELECT * FROM "${fresh}".events`);
      const upgraded = await createPgStore({ pool, schema: older });
      expect(await upgraded.get({ taskId: task!.id })).toEqual(task);
      expect((await upgraded.readStream({ streamId: task!.id })).map((e) => e.type)).toEqual(['TaskSubmitted']);
      await upgraded.close();
      expect((await collations(older)).find((c) => c.col === 'tasks.id')?.collname).toBe('C');
      expect(await reltuples(older)).toBe(1);
    } finally {
      await pool.end();
      await dropSchema(fresh);
      await dropSchema(older);
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
