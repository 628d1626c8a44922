import { BatonError } from '@baton/core';
/** jsonb refuses the NUL character; say so plainly instead of leaking a driver error. */
function translateError(error) {
    const code = error.code;
    if (code === '22P05' || code === '22021') {
        return new BatonError({ code: 'PAYLOAD_INVALID', message: 'text containing the NUL character (\\u0000) cannot be stored' });
    }
    return error;
}
/**
 * How the PostgreSQL store uses a pool's connections: held for a run of
 * statements (`borrow`), or in a transaction. Either way a dropped connection
 * is reported, not thrown into the void, and a broken one is never reused.
 */
function createPgConnections(params) {
    const { pool } = params;
    /**
     * Runs `fn` on one connection of `from`, held throughout. A connection that
     * failed, or that `fn` says is broken, is discarded, not reused.
     */
    async function borrow(from, fn) {
        const client = await from.connect();
        let broken;
        // Between two queries a dropped connection is reported as an event, not a rejection; without a listener it would crash the process.
        const onConnectionError = (error) => {
            broken = error;
        };
        client.on('error', onConnectionError);
        const fail = async (error) => {
            broken ??= error;
            return broken;
        };
        try {
            return await fn(client, fail);
        }
        catch (error) {
            throw translateError(error);
        }
        finally {
            client.removeListener('error', onConnectionError);
            client.release(broken ? (broken instanceof Error ? broken : new Error(String(broken))) : undefined);
        }
    }
    function transaction(fn) {
        return borrow(pool, async (client, fail) => {
            await client.query('BEGIN');
            try {
                const result = await fn(client);
                await client.query('COMMIT');
                return result;
            }
            catch (error) {
                // A connection that cannot even roll back is broken.
                await client.query('ROLLBACK').catch(fail);
                throw error;
            }
        });
    }
    return { borrow, transaction };
}
export { createPgConnections, translateError };
//# sourceMappingURL=pg-connections.js.map