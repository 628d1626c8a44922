import type { RouteEntry } from './http-server.js';
type JsonSchema = Record<string, unknown>;
/**
 * The OpenAPI 3.1 document of this server, built from the route table: every
 * route's parameters, body and response are the zod schemas the route itself
 * validates with, so the document cannot drift from the code.
 */
declare function buildOpenApi(params: {
    routes: readonly RouteEntry[];
    version: string;
}): JsonSchema;
export { buildOpenApi };
//# sourceMappingURL=openapi.d.ts.map