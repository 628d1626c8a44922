import { TokenScopeSchema, type TokenView } from '@baton/core';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Engine } from '../../engine/engine.js';
import { parseRequest } from '../parse-request.js';

const IssueTokenBodySchema = z.object({ name: z.string().min(1).max(100), scopes: z.array(TokenScopeSchema).min(1).max(4) }).strict();
const TokenIdParamsSchema = z.object({ id: z.string().regex(/^[0-9a-f]{12}$/, 'a token id') }).strict();
const RevokeBodySchema = z.object({ reason: z.string().max(500).optional() }).strict();

/** A token as listed: never its hash, never its secret. */
const toResource = (t: TokenView) => ({ id: t.id, name: t.name, scopes: t.scopes, revoked: t.revoked, issuedAt: new Date(t.issuedAt).toISOString() });

/** /v1/tokens (admin only): issue a token (its secret shown once), list, revoke. */
function tokenRoutes(params: { engine: Engine }) {
  const { engine } = params;
  return async (app: FastifyInstance): Promise<void> => {
    app.post('/v1/tokens', { config: { access: 'admin', doc: { tag: 'tokens', summary: 'Issue a token (its secret is in this answer only)', body: IssueTokenBodySchema, status: 201 } } }, async (request, reply) => {
      const body = parseRequest({ schema: IssueTokenBodySchema, value: request.body, part: 'body' });
      const { token, view } = await engine.tokens.issue(body);
      reply.code(201);
      return { token, ...toResource(view) };
    });
    app.get('/v1/tokens', { config: { access: 'admin', doc: { tag: 'tokens', summary: 'List tokens (no secrets, no hashes)' } } }, async () => ({ items: (await engine.tokens.list()).map(toResource) }));
    app.post('/v1/tokens/:id/revoke', { config: { access: 'admin', doc: { tag: 'tokens', summary: 'Revoke a token', params: TokenIdParamsSchema, body: RevokeBodySchema } } }, async (request) => {
      const { id } = parseRequest({ schema: TokenIdParamsSchema, value: request.params, part: 'params' });
      const body = parseRequest({ schema: RevokeBodySchema, value: request.body ?? {}, part: 'body' });
      return toResource(await engine.tokens.revoke({ tokenId: id, reason: body.reason ?? 'revoked over HTTP' }));
    });
  };
}

export { tokenRoutes };
