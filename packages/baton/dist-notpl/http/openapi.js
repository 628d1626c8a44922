import { ProblemSchema } from '@baton/core';
import { z } from 'zod';
/** A zod schema as JSON Schema, describing what a client sends (transforms and coercions read as their input). */
function jsonSchema(schema) {
    const { $schema: _draft, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
    return rest;
}
/** Path and query parameters from an object schema. */
function parameters(schema, where) {
    if (!schema)
        return [];
    const object = jsonSchema(schema);
    return Object.entries(object.properties ?? {}).map(([name, property]) => ({
        name,
        in: where,
        required: where === 'path' || (object.required ?? []).includes(name),
        schema: property,
    }));
}
/**
 * The OpenAPI 3.1 document of this server, built from the route table: every
 * route's parameters, body and response are the zod schemas the route itself
 * validates with, so the document cannot drift from the code.
 */
function buildOpenApi(params) {
    const paths = {};
    for (const route of params.routes) {
        if (route.url === '/openapi.json' || route.url === '/docs')
            continue;
        const path = route.url.replace(/:([A-Za-z]+)/g, '{$1}');
        const doc = route.doc;
        const status = String(doc?.status ?? 200);
        const operation = {
            tags: [doc?.tag ?? route.url.split('/')[2] ?? 'health'],
            summary: doc?.summary ?? `${route.method} ${route.url}`,
            parameters: [...parameters(doc?.params, 'path'), ...parameters(doc?.query, 'query')],
            responses: {
                [status]: {
                    description: 'success',
                    content: { [doc?.mediaType ?? 'application/json']: { schema: doc?.response ? jsonSchema(doc.response) : { type: 'object' } } },
                },
                default: { description: 'an error, as RFC 9457 problem+json with a stable code', content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } } },
            },
            ...(route.access === 'public' ? { security: [] } : { 'x-baton-scope': route.access }),
        };
        if (doc?.body)
            operation.requestBody = { required: true, content: { 'application/json': { schema: jsonSchema(doc.body) } } };
        (paths[path] ??= {})[route.method.toLowerCase()] = operation;
    }
    return {
        openapi: '3.1.0',
        info: { title: 'Baton API', version: params.version, description: 'Tasks, agents, the remote agent protocol and the event log of a Baton node. Every error is problem+json with a stable code.' },
        security: [{ bearer: [] }],
        components: {
            securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'bat_… tokens with scopes admin, submit, read, agent (x-baton-scope on each operation)' } },
            schemas: { Problem: jsonSchema(ProblemSchema) },
        },
        paths,
    };
}
export { buildOpenApi };
//# sourceMappingURL=openapi.js.map