import { BatonError, toFieldIssues } from '@baton/core';
/** Validates one part of a request (body, query, params) at the edge. */
function parseRequest(params) {
    // A missing body, query or params is an empty object; a missing header stays missing.
    const parsed = params.schema.safeParse(params.part === 'headers' ? params.value : (params.value ?? {}));
    if (parsed.success)
        return parsed.data;
    const issues = toFieldIssues({ error: parsed.error, prefix: params.part === 'body' ? '' : `${params.part}.` });
    const first = issues[0];
    throw new BatonError({
        code: 'VALIDATION_FAILED',
        message: first ? `${first.path}: ${first.message}` : `invalid ${params.part}`,
        issues,
    });
}
export { parseRequest };
//# sourceMappingURL=parse-request.js.map