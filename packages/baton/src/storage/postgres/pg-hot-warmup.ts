import type pg from 'pg';
import { preparedQuery, type PgFastWrites } from './pg-fast-writes.js';
import type { PgNames } from './pg-schema.js';
import type { PgStatements } from './pg-statements.js';
import { preparePromotionOn } from './pg-due-promotion.js';

/**
 * Opens `count` connections of the hot pool and prepares every hot statement
 * on each, running it on nothing: no row is read for update, written or
 * notified. A statement's first run on a connection parses and plans it, and
 * that cost tens of milliseconds on the first tasks a fresh node handled
 * (bench/RESULTS.md, history 8). The connections stay in the pool.
 */
async function warmHotStatements(params: { hot: pg.Pool; names: PgNames; sql: PgStatements; fast: PgFastWrites; count: number }): Promise<void> {
  const { hot, names, sql, fast } = params;
  const clients = await Promise.all(Array.from({ length: params.count }, () => hot.connect()));
  try {
    await Promise.all(
      clients.map(async (client) => {
        await client.query(preparedQuery(names, 'load_for_submit', sql.loadForSubmit, [null, [], []]));
        await client.query(preparedQuery(names, 'load_many', sql.loadMany, [[], null]));
        await client.query(preparedQuery(names, 'claim', sql.claim, [[], 0, '', null, 0]));
        await preparePromotionOn({ client, names });
        await fast.prepareOn(client);
      }),
    );
  } finally {
    for (const client of clients) client.release();
  }
}

export { warmHotStatements };
