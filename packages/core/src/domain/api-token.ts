import { z } from 'zod';

/*
 * API tokens as an aggregate on the stream `token:<id>`: issued, then perhaps
 * revoked. Only a hash of the secret is ever stored (in the event and the
 * projection); the token itself is shown once, when it is issued.
 */
const TokenScopeSchema = z.enum(['admin', 'submit', 'read', 'agent']);
type TokenScope = z.infer<typeof TokenScopeSchema>;

const TokenViewSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(TokenScopeSchema),
    /** SHA-256 of the secret, hex. */
    hash: z.string(),
    revoked: z.boolean(),
    issuedAt: z.number(),
    updatedAt: z.number(),
    version: z.number().int(),
  })
  .strict();
type TokenView = z.infer<typeof TokenViewSchema>;

const TokenEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('TokenIssued'), data: z.object({ name: z.string(), scopes: z.array(TokenScopeSchema), hash: z.string() }).strict() }),
  z.object({ type: z.literal('TokenRevoked'), data: z.object({ reason: z.string() }).strict() }),
]);
type TokenEvent = z.infer<typeof TokenEventSchema>;

type TokenCommand =
  | { kind: 'IssueToken'; tokenId: string; name: string; scopes: TokenScope[]; hash: string }
  | { kind: 'RevokeToken'; tokenId: string; reason: string };

function tokenStreamId(tokenId: string): string {
  return `token:${tokenId}`;
}

/** Issuing an id that exists, or revoking one that does not, is refused; revoking twice records nothing. */
function decideToken(state: TokenView | null, command: TokenCommand): { ok: true; value: TokenEvent[] } | { ok: false; message: string } {
  if (command.kind === 'IssueToken') {
    if (state) return { ok: false, message: `token ${command.tokenId} exists` };
    return { ok: true, value: [{ type: 'TokenIssued', data: { name: command.name, scopes: command.scopes, hash: command.hash } }] };
  }
  if (!state) return { ok: false, message: `token ${command.tokenId} does not exist` };
  return { ok: true, value: state.revoked ? [] : [{ type: 'TokenRevoked', data: { reason: command.reason } }] };
}

function evolveToken(state: TokenView | null, event: TokenEvent & { streamId: string; version: number; time: number }): TokenView {
  if (event.type === 'TokenIssued') {
    return { id: event.streamId.slice('token:'.length), ...event.data, revoked: false, issuedAt: event.time, updatedAt: event.time, version: event.version };
  }
  if (!state) throw new Error(`corrupt log: TokenRevoked for ${event.streamId} that was never issued`);
  return { ...state, revoked: true, updatedAt: event.time, version: event.version };
}

function foldToken(events: readonly (TokenEvent & { streamId: string; version: number; time: number })[]): TokenView | null {
  let state: TokenView | null = null;
  for (const event of events) state = evolveToken(state, event);
  return state;
}

export { TokenScopeSchema, TokenViewSchema, TokenEventSchema, tokenStreamId, decideToken, evolveToken, foldToken };
export type { TokenScope, TokenView, TokenEvent, TokenCommand };
