import { IssuedTokenSchema, IssueTokenBodySchema, RevokeTokenBodySchema as RevokeBodySchema, TokenIdParamsSchema, TokenListSchema, TokenResourceSchema, } from '@baton/core';
import { parseRequest } from '../parse-request.js';
/** A token as listed: never its hash, never its secret. */
const toResource = (t) => ({ id: t.id, name: t.name, scopes: t.scopes, revoked: t.revoked, issuedAt: new Date(t.issuedAt).toISOString() });
/** /v1/tokens (admin only): issue a token (its secret shown once), list, revoke. */
function tokenRoutes(params) {
    const { engine } = params;
    return async (app) => {
        app.post('/v1/tokens', { config: { access: 'admin', doc: { tag: 'tokens', summary: 'Issue a token (its secret is in this answer only)', body: IssueTokenBodySchema, response: IssuedTokenSchema, status: 201 } } }, async (request, reply) => {
            const body = parseRequest({ schema: IssueTokenBodySchema, value: request.body, part: 'body' });
            const { token, view } = await engine.tokens.issue(body);
            reply.code(201);
            return { token, ...toResource(view) };
        });
        app.get('/v1/tokens', { config: { access: 'admin', doc: { tag: 'tokens', summary: 'List tokens (no secrets, no hashes)', response: TokenListSchema } } }, async () => ({ items: (await engine.tokens.list()).map(toResource) }));
        app.post('/v1/tokens/:id/revoke', { config: { access: 'admin', doc: { tag: 'tokens', summary: 'Revoke a token', params: TokenIdParamsSchema, body: RevokeBodySchema, response: TokenResourceSchema } } }, async (request) => {
            const { id } = parseRequest({ schema: TokenIdParamsSchema, value: request.params, part: 'params' });
            const body = parseRequest({ schema: RevokeBodySchema, value: request.body ?? {}, part: 'body' });
            return toResource(await engine.tokens.revoke({ tokenId: id, reason: body.reason ?? 'revoked over HTTP' }));
        });
    };
}
export { tokenRoutes };
//# sourceMappingURL=token-routes.js.map