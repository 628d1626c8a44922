import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
/**
 * Standard Webhooks signing (standardwebhooks.com): the signed content is
 * `${id}.${timestamp}.${body}`, HMAC-SHA256 with the secret's bytes, sent as
 * `webhook-signature: v1,<base64>`. Secrets are `whsec_<base64 of 24+ bytes>`.
 */
const PREFIX = 'whsec_';
function newWebhookSecret() {
    return `${PREFIX}${randomBytes(32).toString('base64')}`;
}
function secretBytes(secret) {
    if (!secret.startsWith(PREFIX))
        throw new Error('a webhook secret starts with whsec_');
    const bytes = Buffer.from(secret.slice(PREFIX.length), 'base64');
    if (bytes.length < 24)
        throw new Error('a webhook secret holds at least 24 bytes (base64 after whsec_)');
    return bytes;
}
function signWebhook(params) {
    const mac = createHmac('sha256', secretBytes(params.secret)).update(`${params.id}.${params.timestamp}.${params.body}`).digest('base64');
    return `v1,${mac}`;
}
/** What a receiver does: true when one of the space-separated signatures matches. */
function verifyWebhook(params) {
    const expected = Buffer.from(signWebhook(params));
    return params.signature.split(' ').some((candidate) => {
        const given = Buffer.from(candidate);
        return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
/** The three headers of one delivery attempt; the id stays the same across retries. */
function webhookHeaders(params) {
    return {
        'webhook-id': params.id,
        'webhook-timestamp': String(params.timestamp),
        'webhook-signature': signWebhook(params),
    };
}
export { newWebhookSecret, signWebhook, verifyWebhook, webhookHeaders };
//# sourceMappingURL=webhook-signature.js.map