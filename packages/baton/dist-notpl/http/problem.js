import { BatonError, errorStatus, errorTitle } from '@baton/core';
const PROBLEM_BASE = 'https://baton.dev/problems/';
/** Turns any error into an RFC 9457 problem with a code from the catalog; never leaks a stack. */
function toProblem(params) {
    const { error, instance } = params;
    let code = 'INTERNAL';
    let detail = 'an internal error occurred; the server log has the details';
    let issues = [];
    let taskId;
    if (error instanceof BatonError) {
        code = error.code;
        detail = error.message;
        issues = error.issues;
        taskId = error.taskId;
    }
    else if (isFastifyClientError(error)) {
        code = fastifyCode(error);
        detail = code === 'MALFORMED_JSON' ? `the body is not valid JSON: ${error.message}` : error.message;
    }
    const problem = {
        type: `${PROBLEM_BASE}${code.toLowerCase().replaceAll('_', '-')}`,
        title: errorTitle(code),
        status: errorStatus(code),
        detail,
        code,
        instance,
    };
    if (issues.length > 0)
        problem.errors = [...issues];
    if (taskId !== undefined)
        problem.taskId = taskId;
    return problem;
}
function isFastifyClientError(error) {
    const status = error?.statusCode;
    return typeof status === 'number' && status >= 400 && status < 500;
}
/** Fastify's own parse and limit errors, as catalog codes. */
function fastifyCode(error) {
    if (error.statusCode === 413)
        return 'PAYLOAD_TOO_LARGE';
    if (error.statusCode === 414)
        return 'URI_TOO_LONG';
    if (error.statusCode === 415)
        return 'UNSUPPORTED_MEDIA_TYPE';
    if (error.statusCode === 404)
        return 'ROUTE_NOT_FOUND';
    if (error.statusCode === 405)
        return 'METHOD_NOT_ALLOWED';
    if (error.code?.startsWith('FST_ERR_CTP') || error instanceof SyntaxError)
        return 'MALFORMED_JSON';
    return 'VALIDATION_FAILED';
}
function sendProblem(params) {
    const problem = toProblem({ error: params.error, instance: params.request.url.split('?')[0] ?? '/' });
    return params.reply.code(problem.status).type('application/problem+json').send(problem);
}
/**
 * An answer for a request Node's HTTP parser refused before Fastify saw it
 * (headers over the size limit, broken framing): written to the socket as
 * problem+json, then the connection is closed.
 */
function socketProblem(error) {
    const code = error.code === 'HPE_HEADER_OVERFLOW' ? 'HEADERS_TOO_LARGE' : 'MALFORMED_REQUEST';
    const body = JSON.stringify({
        type: `${PROBLEM_BASE}${code.toLowerCase().replaceAll('_', '-')}`,
        title: errorTitle(code),
        status: errorStatus(code),
        detail: code === 'HEADERS_TOO_LARGE' ? 'the request headers exceed 16 KiB' : 'the request could not be parsed as HTTP',
        code,
    });
    return `HTTP/1.1 ${errorStatus(code)} ${errorTitle(code)}\r\ncontent-type: application/problem+json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`;
}
export { toProblem, sendProblem, socketProblem };
//# sourceMappingURL=problem.js.map