import type { AddressGuard } from './address-guard.js';
declare const MAX_TIMEOUT_MS = 15000;
declare const MAX_RESPONSE_BYTES: number;
/**
 * One attempt's outcome. `delivered`: a 2xx. `retry`: 408, 429, 5xx, a
 * timeout or a connection error (with the receiver's Retry-After, if any).
 * `fail`: any other status, or an address the guard refuses; retrying would
 * not help.
 */
interface DeliveryOutcome {
    kind: 'delivered' | 'retry' | 'fail';
    status: number | null;
    /** The first KiB of the response body (at most 64 KiB is ever read). */
    bodyExcerpt: string;
    retryAfterMs: number | null;
    error: string | null;
}
/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
declare function retryAfterMs(header: string | undefined, now: number): number | null;
/**
 * POSTs a JSON body to a callback address with Standard Webhooks headers.
 * Redirects are not followed; the response is read up to 64 KiB; the whole
 * attempt is bounded by `timeoutMs` (at most 15 s). The address guard checks
 * an IP literal before connecting and a name at connect time, on every attempt.
 */
declare function deliverCallback(params: {
    url: string;
    body: string;
    webhookId: string;
    secret: string;
    guard: AddressGuard;
    now: number;
    timeoutMs?: number;
    /** Aborts the attempt (the task was cancelled, or its agent stops): it counts as one to retry. */
    signal?: AbortSignal;
}): Promise<DeliveryOutcome>;
export { deliverCallback, retryAfterMs, MAX_TIMEOUT_MS, MAX_RESPONSE_BYTES };
export type { DeliveryOutcome };
//# sourceMappingURL=http-delivery.d.ts.map