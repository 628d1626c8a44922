import type { FastifyInstance } from 'fastify';
/**
 * Lets a closing server finish at once. Node's close waits out every
 * connection it does not see as idle, and a connection a client opened but
 * never sent a request on (agents' HTTP pools do that) only goes when its
 * headers timeout runs out, a minute or more. Here, on close, a connection
 * with no request in progress is ended at once, one mid-request as soon as
 * its response is sent, and whatever is left when the deadline passes is cut.
 */
declare function installConnectionDrain(app: FastifyInstance, deadlineMs?: number): void;
export { installConnectionDrain };
//# sourceMappingURL=connection-drain.d.ts.map