/** PostgreSQL's codes for a connection the server ended (admin_shutdown, crash_shutdown, cannot_connect_now), and class 08. */
const CONNECTION_LOST = new Set(['57P01', '57P02', '57P03']);
/** True when the query failed because its connection died, not because of the query. */
function isConnectionLoss(error) {
    const { code, message } = error;
    if (typeof code === 'string' && (CONNECTION_LOST.has(code) || code.startsWith('08')))
        return true;
    return typeof message === 'string' && /Connection terminated|not queryable|ECONNRESET|EPIPE/.test(message);
}
/**
 * The pool, for statements that change nothing: one that meets a connection
 * the server has just ended (a restart, a killed backend, a pool that had not
 * yet noticed) or that was chosen to break a deadlock runs once more. Writes never go through this:
 * whether a write on a lost connection committed is unknown.
 */
function retryingReads(pool) {
    return {
        async query(text, values) {
            try {
                return await pool.query(text, values);
            }
            catch (error) {
                // A read PostgreSQL ended to break a deadlock changed nothing either, and may run again.
                if (!isConnectionLoss(error) && error.code !== '40P01')
                    throw error;
                return pool.query(text, values);
            }
        },
    };
}
export { retryingReads, isConnectionLoss };
//# sourceMappingURL=pg-read-retry.js.map