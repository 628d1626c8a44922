import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BatonError } from '@baton/core';
/** `bat_<12 hex id>_<43 base64url secret>`: the id finds the record, the secret proves possession. */
const TOKEN_PATTERN = /^bat_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;
/** How long a verified token is trusted without reading the store again; also how late a revocation may bite. */
const CACHE_MS = 2_000;
function hashSecret(secret) {
    return createHash('sha256').update(secret).digest('hex');
}
function newToken() {
    const tokenId = randomBytes(6).toString('hex');
    const secret = randomBytes(32).toString('base64url');
    return { tokenId, token: `bat_${tokenId}_${secret}`, hash: hashSecret(secret) };
}
/**
 * Issues, revokes and verifies API tokens. The secret is high-entropy random,
 * so one SHA-256 is enough to store it; comparison is constant-time.
 */
function createApiTokens(params) {
    const { store } = params;
    const cache = new Map();
    return {
        /** A new token: the returned string is the only time the secret exists outside the caller. */
        async issue(input) {
            const { tokenId, token, hash } = newToken();
            const view = await store.issueToken({ tokenId, name: input.name, scopes: input.scopes, hash });
            if (!view)
                throw new Error('unreachable: a fresh token id already existed');
            return { token, view };
        },
        /** The first admin token, when none was ever issued; null when one exists (another node may have made it). */
        async bootstrapAdmin() {
            const { tokenId, token, hash } = newToken();
            const view = await store.issueToken({ tokenId, name: 'admin (first start)', scopes: ['admin'], hash, onlyIfNone: true });
            return view ? token : null;
        },
        async revoke(input) {
            const view = await store.revokeToken({ tokenId: input.tokenId, reason: input.reason ?? 'revoked by request' });
            if (!view)
                throw new BatonError({ code: 'TOKEN_NOT_FOUND', message: `token ${input.tokenId} does not exist` });
            cache.delete(input.tokenId);
            return view;
        },
        list: () => store.listTokens(),
        /** The token's record when `text` is a valid, unrevoked token; null otherwise. */
        async verify(text) {
            const match = TOKEN_PATTERN.exec(text);
            if (!match?.[1] || !match[2])
                return null;
            const [, tokenId, secret] = match;
            const now = Date.now();
            let cached = cache.get(tokenId);
            if (!cached || cached.until < now) {
                const view = await store.getToken({ tokenId });
                if (!view)
                    return null;
                cached = { view, until: now + CACHE_MS };
                if (cache.size > 10_000)
                    cache.clear();
                cache.set(tokenId, cached);
            }
            const expected = Buffer.from(cached.view.hash, 'hex');
            const actual = Buffer.from(hashSecret(secret), 'hex');
            if (expected.length !== actual.length || !timingSafeEqual(expected, actual))
                return null;
            return cached.view.revoked ? null : cached.view;
        },
    };
}
export { createApiTokens, hashSecret };
//# sourceMappingURL=api-tokens.js.map