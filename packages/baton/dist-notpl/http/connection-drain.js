/** How long a closing server lets requests in progress finish before it cuts their connections. */
const DRAIN_DEADLINE_MS = 10_000;
/**
 * Lets a closing server finish at once. Node's close waits out every
 * connection it does not see as idle, and a connection a client opened but
 * never sent a request on (agents' HTTP pools do that) only goes when its
 * headers timeout runs out, a minute or more. Here, on close, a connection
 * with no request in progress is ended at once, one mid-request as soon as
 * its response is sent, and whatever is left when the deadline passes is cut.
 */
function installConnectionDrain(app, deadlineMs = DRAIN_DEADLINE_MS) {
    const sockets = new Set();
    const inProgress = new Map();
    let closing = false;
    app.server.on('connection', (socket) => {
        sockets.add(socket);
        socket.once('close', () => {
            sockets.delete(socket);
            inProgress.delete(socket);
        });
    });
    app.addHook('onRequest', async (request, reply) => {
        // Injected requests have no real socket: only the server's own connections are counted.
        const socket = request.raw.socket;
        if (!sockets.has(socket))
            return;
        inProgress.set(socket, (inProgress.get(socket) ?? 0) + 1);
        reply.raw.once('close', () => {
            const left = (inProgress.get(socket) ?? 1) - 1;
            if (left > 0)
                inProgress.set(socket, left);
            else {
                inProgress.delete(socket);
                if (closing)
                    socket.end();
            }
        });
    });
    app.addHook('preClose', async () => {
        closing = true;
        for (const socket of sockets)
            if (!inProgress.has(socket))
                socket.end();
        const timer = setTimeout(() => {
            for (const socket of sockets)
                socket.destroy();
        }, deadlineMs);
        timer.unref();
    });
}
export { installConnectionDrain };
//# sourceMappingURL=connection-drain.js.map