import { BatonError } from '@baton/core';
import { z } from 'zod';
import { parseRequest } from '../parse-request.js';
const TypeParamsSchema = z.object({ type: z.string().min(1).max(200) }).strict();
/** A definition as clients of any language can use it: its payload schema as JSON Schema. */
function toResource(definition) {
    let payloadSchema;
    try {
        const { $schema: _draft, ...schema } = z.toJSONSchema(definition.schema, { io: 'input', unrepresentable: 'any' });
        payloadSchema = schema;
    }
    catch {
        // A schema zod cannot express as JSON Schema (a custom refinement): say so rather than fail the listing.
        payloadSchema = { description: 'not expressible as JSON Schema; the server validates it on submit' };
    }
    return { type: definition.type, version: definition.version, payloadSchema, defaults: definition.defaults };
}
/** /v1/definitions: the task types this node accepts, with their payload schemas and defaults. */
function definitionRoutes(params) {
    const { engine } = params;
    return async (app) => {
        app.get('/v1/definitions', { config: { access: 'read', doc: { tag: 'definitions', summary: 'Task types this node accepts, with payload schemas' } } }, async () => ({
            items: engine.definitions.list().sort((a, b) => a.type.localeCompare(b.type)).map(toResource),
        }));
        app.get('/v1/definitions/:type', { config: { access: 'read', doc: { tag: 'definitions', summary: 'One task definition', params: TypeParamsSchema } } }, async (request) => {
            const { type } = parseRequest({ schema: TypeParamsSchema, value: request.params, part: 'params' });
            const definition = engine.definitions.get(type);
            if (!definition)
                throw new BatonError({ code: 'DEFINITION_NOT_FOUND', message: `no task definition has type "${type}"` });
            return toResource(definition);
        });
    };
}
export { definitionRoutes };
//# sourceMappingURL=definition-routes.js.map