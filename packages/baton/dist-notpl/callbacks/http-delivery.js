import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { webhookHeaders } from './webhook-signature.js';
const MAX_TIMEOUT_MS = 15_000;
const MAX_RESPONSE_BYTES = 64 * 1024;
const EXCERPT_CHARS = 1_024;
/** Retry-After as seconds or an HTTP date, in milliseconds from `now`; null when absent or unreadable. */
function retryAfterMs(header, now) {
    if (!header)
        return null;
    if (/^\d{1,7}$/.test(header.trim()))
        return Number(header.trim()) * 1_000;
    const at = Date.parse(header);
    return Number.isNaN(at) ? null : Math.max(0, at - now);
}
function classify(status) {
    if (status >= 200 && status < 300)
        return 'delivered';
    if (status === 408 || status === 429 || status >= 500)
        return 'retry';
    return 'fail';
}
/**
 * POSTs a JSON body to a callback address with Standard Webhooks headers.
 * Redirects are not followed; the response is read up to 64 KiB; the whole
 * attempt is bounded by `timeoutMs` (at most 15 s). The address guard checks
 * an IP literal before connecting and a name at connect time, on every attempt.
 */
async function deliverCallback(params) {
    const outcome = (kind, error, status = null) => ({ kind, status, bodyExcerpt: '', retryAfterMs: null, error });
    let url;
    try {
        url = new URL(params.url);
    }
    catch {
        return outcome('fail', `"${params.url.slice(0, 200)}" is not a URL`);
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
        return outcome('fail', `only http and https callbacks are made, not ${url.protocol}`);
    if (url.username || url.password)
        return outcome('fail', 'a callback address may not carry credentials');
    // The URL parser has already turned decimal, octal and hex IPv4 spellings into dotted form.
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
        const refused = params.guard.check(host);
        if (refused)
            return outcome('fail', `callback refused: ${refused}`);
    }
    const timestamp = Math.floor(params.now / 1_000);
    const timeoutMs = Math.min(params.timeoutMs ?? MAX_TIMEOUT_MS, MAX_TIMEOUT_MS);
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve) => {
        let settled = false;
        const finish = (result) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(deadline);
            req.destroy();
            resolve(result);
        };
        const req = send(url, {
            method: 'POST',
            agent: false,
            lookup: params.guard.lookup,
            headers: {
                'content-type': 'application/json',
                'user-agent': 'Baton-Webhooks/1',
                ...webhookHeaders({ secret: params.secret, id: params.webhookId, timestamp, body: params.body }),
            },
        }, (res) => {
            const chunks = [];
            let size = 0;
            const done = () => {
                const status = res.statusCode ?? 0;
                const text = Buffer.concat(chunks).toString('utf8');
                finish({ kind: classify(status), status, bodyExcerpt: text.slice(0, EXCERPT_CHARS), retryAfterMs: retryAfterMs(res.headers['retry-after'], params.now), error: classify(status) === 'delivered' ? null : `the receiver answered ${status}` });
            };
            res.on('data', (chunk) => {
                if (size >= MAX_RESPONSE_BYTES)
                    return;
                chunks.push(chunk.subarray(0, MAX_RESPONSE_BYTES - size));
                size += chunk.length;
                if (size >= MAX_RESPONSE_BYTES)
                    done();
            });
            res.on('end', done);
            res.on('error', done);
        });
        const deadline = setTimeout(() => finish(outcome('retry', `no answer within ${timeoutMs} ms`)), timeoutMs);
        params.signal?.addEventListener('abort', () => finish(outcome('retry', 'the attempt was aborted')), { once: true });
        req.on('error', (error) => {
            if (error.code === 'ECALLBACKREFUSED')
                finish(outcome('fail', error.message));
            else
                finish(outcome('retry', `${error.code ?? 'error'}: ${error.message}`));
        });
        req.end(params.body);
    });
}
export { deliverCallback, retryAfterMs, MAX_TIMEOUT_MS, MAX_RESPONSE_BYTES };
//# sourceMappingURL=http-delivery.js.map