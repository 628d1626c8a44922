import { preparedQuery } from './pg-fast-writes.js';
import { preparePromotionOn } from './pg-due-promotion.js';
/**
 * Opens `connections` connections of the hot pool and prepares hot statements
 * on each, running them on nothing: no row is read for update, written or
 * notified. A statement's first run on a connection parses and plans it, and
 * that cost tens of milliseconds on the first tasks a fresh node handled
 * (bench/RESULTS.md, history 8). The submit statements are prepared on every
 * connection, since a burst of submissions takes them all at once, and so is
 * the promotion, whose first run on a connection (about 11 ms) made a
 * delayed task start that much late (history 34); the others on the first
 * `allOn` only. Prepared on all ten while the tables were still
 * empty, they made a 20,000-task drain fall from 850 to 300 tasks/s once it
 * was 16,000 tasks in (history 22). The connections stay in the pool.
 */
async function warmHotStatements(params) {
    const { hot, names, sql, fast, submitNow } = params;
    const clients = await Promise.all(Array.from({ length: params.connections }, () => hot.connect()));
    try {
        await Promise.all(clients.map(async (client, i) => {
            await client.query(preparedQuery(names, 'load_for_submit', sql.loadForSubmit, [null, []]));
            await submitNow.prepareOn(client);
            await fast.prepareOn(client, { submitOnly: i >= params.allOn });
            await preparePromotionOn({ client, names });
            if (i >= params.allOn)
                return;
            await client.query(preparedQuery(names, 'load_many', sql.loadMany, [[], null]));
            await client.query(preparedQuery(names, 'claim', sql.claim, [[], 0, '', null, 0]));
        }));
        // Alone, once every statement is prepared: the reading is as tight as a round trip.
        if (clients[0])
            await params.submitNow.observeClock(clients[0]);
    }
    finally {
        for (const client of clients)
            client.release();
    }
}
export { warmHotStatements };
//# sourceMappingURL=pg-hot-warmup.js.map