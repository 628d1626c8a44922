import { type SqlConnection, type TokenCommand, type TokenView } from '@baton/core';
import { type PgNames } from './pg-schema.js';
/** API tokens on PostgreSQL, in the caller's transaction. */
declare function createPgTokens(params: {
    names: PgNames;
    pinnedNow: () => number | null;
}): {
    apply: (q: SqlConnection, command: TokenCommand) => Promise<TokenView | null>;
    issueFirst(q: SqlConnection, command: TokenCommand): Promise<TokenView | null>;
    get(q: SqlConnection, tokenId: string): Promise<TokenView | null>;
    list(q: SqlConnection): Promise<TokenView[]>;
};
export { createPgTokens };
//# sourceMappingURL=pg-tokens.d.ts.map