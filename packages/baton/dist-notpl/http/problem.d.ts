import { type Problem } from '@baton/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
/** Turns any error into an RFC 9457 problem with a code from the catalog; never leaks a stack. */
declare function toProblem(params: {
    error: unknown;
    instance: string;
}): Problem;
declare function sendProblem(params: {
    reply: FastifyReply;
    request: FastifyRequest;
    error: unknown;
}): FastifyReply;
/**
 * An answer for a request Node's HTTP parser refused before Fastify saw it
 * (headers over the size limit, broken framing): written to the socket as
 * problem+json, then the connection is closed.
 */
declare function socketProblem(error: {
    code?: string;
}): string;
export { toProblem, sendProblem, socketProblem };
//# sourceMappingURL=problem.d.ts.map