declare function newWebhookSecret(): string;
declare function signWebhook(params: {
    secret: string;
    id: string;
    timestamp: number;
    body: string;
}): string;
/** What a receiver does: true when one of the space-separated signatures matches. */
declare function verifyWebhook(params: {
    secret: string;
    id: string;
    timestamp: number;
    body: string;
    signature: string;
}): boolean;
/** The three headers of one delivery attempt; the id stays the same across retries. */
declare function webhookHeaders(params: {
    secret: string;
    id: string;
    timestamp: number;
    body: string;
}): Record<string, string>;
export { newWebhookSecret, signWebhook, verifyWebhook, webhookHeaders };
//# sourceMappingURL=webhook-signature.d.ts.map