import type { z } from 'zod';
/** Validates one part of a request (body, query, params) at the edge. */
declare function parseRequest<S extends z.ZodType>(params: {
    schema: S;
    value: unknown;
    part: 'body' | 'query' | 'params' | 'headers';
}): z.infer<S>;
export { parseRequest };
//# sourceMappingURL=parse-request.d.ts.map