import { z } from 'zod';
import { defineTask } from '@baton/core';
import { defineHandler, NonRetryableError, RetryLaterError } from '@baton/client';
import { deliverCallback } from './http-delivery.js';
const CALLBACK_DEFAULTS = { maxAttempts: 8, backoff: { baseMs: 1_000, factor: 2, maxMs: 300_000, jitter: 0.2 }, timeoutMs: 20_000 };
const UrlSchema = z.string().min(1).max(2_048);
/** `http.callback`: POST `body` (JSON) to `url`, signed, retried on 408, 429, 5xx and network errors. */
const httpCallback = defineTask({
    type: 'http.callback',
    schema: z.object({ url: UrlSchema, body: z.unknown().optional() }).strict(),
    defaults: CALLBACK_DEFAULTS,
});
/** `reminder`: the Reminders API's aggregate; when due, its address is called back like an `http.callback`. */
const reminder = defineTask({
    type: 'reminder',
    schema: z.object({ address: UrlSchema, body: z.unknown().optional() }).strict(),
    defaults: CALLBACK_DEFAULTS,
});
/** One delivery attempt as a handler outcome: the result, a retry after what the receiver asked, or a failure for good. */
function settle(outcome) {
    const details = { status: outcome.status, bodyExcerpt: outcome.bodyExcerpt };
    if (outcome.kind === 'delivered')
        return details;
    if (outcome.kind === 'retry')
        throw new RetryLaterError(outcome.error ?? 'the callback should be tried again', { afterMs: outcome.retryAfterMs, details });
    throw Object.assign(new NonRetryableError(outcome.error ?? 'the callback failed'), { details });
}
/**
 * The handlers that deliver callbacks, for an agent to run (every server node
 * runs them). The webhook id is the task's id, so it is the same on every
 * attempt and a receiver can drop repeats.
 */
function callbackHandlers(params) {
    const send = (url, body, ctx) => deliverCallback({ url, body: JSON.stringify(body ?? null), webhookId: `msg_${ctx.taskId}`, secret: params.secret, guard: params.guard, now: Date.now(), signal: ctx.signal });
    return [
        defineHandler(httpCallback, async (payload, ctx) => settle(await send(payload.url, payload.body, ctx))),
        defineHandler(reminder, async (payload, ctx) => settle(await send(payload.address, payload.body ?? { id: ctx.taskId, type: 'reminder.elapsed' }, ctx))),
    ];
}
export { httpCallback, reminder, callbackHandlers };
//# sourceMappingURL=callback-tasks.js.map