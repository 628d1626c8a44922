import { type TokenScope, type TaskStore, type TokenView } from '@baton/core';
declare function hashSecret(secret: string): string;
/**
 * Issues, revokes and verifies API tokens. The secret is high-entropy random,
 * so one SHA-256 is enough to store it; comparison is constant-time.
 */
declare function createApiTokens(params: {
    store: TaskStore;
}): {
    /** A new token: the returned string is the only time the secret exists outside the caller. */
    issue(input: {
        name: string;
        scopes: TokenScope[];
    }): Promise<{
        token: string;
        view: TokenView;
    }>;
    /** The first admin token, when none was ever issued; null when one exists (another node may have made it). */
    bootstrapAdmin(): Promise<string | null>;
    revoke(input: {
        tokenId: string;
        reason?: string;
    }): Promise<TokenView>;
    list: () => Promise<{
        id: string;
        name: string;
        scopes: ("admin" | "submit" | "read" | "agent")[];
        hash: string;
        revoked: boolean;
        issuedAt: number;
        updatedAt: number;
        version: number;
    }[]>;
    /** The token's record when `text` is a valid, unrevoked token; null otherwise. */
    verify(text: string): Promise<TokenView | null>;
};
type ApiTokens = ReturnType<typeof createApiTokens>;
export { createApiTokens, hashSecret };
export type { ApiTokens };
//# sourceMappingURL=api-tokens.d.ts.map