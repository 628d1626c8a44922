import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { QUEUED_STEPS } from '../../src/storage/sqlite/sqlite-broadcast.js';
import { createSqliteStore } from '../../src/storage/sqlite/sqlite-store.js';
import { makeTempDir } from '../support/temp-dir.js';

/**
 * Statements that run on every sweep must read an index that holds only what
 * they look for: SQLite plans without statistics, and a plan that walks every
 * queued task costs nothing in a test and half a second at a million queued.
 */
describe('SQLite query plans', () => {
  it('reads queued broadcast steps from their partial index, in its order', async () => {
    const tmp = makeTempDir('sqlite-plans');
    const path = join(tmp.dir, 'baton.db');
    const store = createSqliteStore({ path, clock: { now: () => 1_000 } });
    try {
      const db = new Database(path, { readonly: true });
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN ${QUEUED_STEPS}`)
        .all(1)
        .map((row) => (row as { detail: string }).detail);
      db.close();
      expect(plan).toEqual(['SCAN tasks USING INDEX tasks_broadcast_queued']);
    } finally {
      await store.close();
      tmp.remove();
    }
  });
});
