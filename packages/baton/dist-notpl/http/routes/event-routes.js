import { BatonError, CloudEventSchema, EventStreamQuerySchema, toCloudEvent } from '@baton/core';
import { parseRequest } from '../parse-request.js';
const BATCH = 500;
/** How often an idle stream looks for new events when no local change woke it (changes on other nodes). */
const IDLE_POLL_MS = 250;
const KEEPALIVE_MS = 15_000;
/**
 * GET /v1/events: the global log as Server-Sent Events, each a CloudEvents 1.0
 * JSON envelope whose SSE id is the feed cursor. A client that reconnects with
 * Last-Event-ID resumes right after the last event it received: the feed never
 * skips a late commit (ADR 0006), so there is no gap and no duplicate.
 */
function eventRoutes(params) {
    const { engine } = params;
    const maxStreams = params.maxStreams ?? 200;
    const source = params.source ?? '/baton';
    let open = 0;
    return async (app) => {
        app.get('/v1/events', { config: { access: 'read', doc: { tag: 'events', summary: 'The log as Server-Sent Events (CloudEvents envelopes), resumable with Last-Event-ID', query: EventStreamQuerySchema, response: CloudEventSchema, mediaType: 'text/event-stream' } } }, async (request, reply) => {
            const query = parseRequest({ schema: EventStreamQuerySchema, value: request.query, part: 'query' });
            const header = request.headers['last-event-id'];
            const resumeFrom = typeof header === 'string' && header.length > 0 ? header : query.after;
            if (resumeFrom !== undefined && resumeFrom.length > 64) {
                throw new BatonError({ code: 'VALIDATION_FAILED', message: 'Last-Event-ID: too long', issues: [{ path: 'headers.last-event-id', rule: 'too_big', message: 'at most 64 characters' }] });
            }
            // Check the cursor before answering 200, so a forged one is a clean 400. `now`: only what happens from here on.
            let cursor = resumeFrom === 'now' ? await engine.events.feedTail() : (resumeFrom ?? null);
            const first = await engine.events.readFeed({ cursor, limit: BATCH });
            if (open >= maxStreams)
                throw new BatonError({ code: 'TOO_MANY_STREAMS', message: `at most ${maxStreams} event streams at once; try again later` });
            open += 1;
            const taskTypes = query.taskType ? new Set(query.taskType) : null;
            const eventTypes = query.type ? new Set(query.type) : null;
            const typeOfStream = new Map();
            const streamTaskType = async (event) => {
                if (event.type === 'TaskSubmitted')
                    return event.data.taskType;
                if (!typeOfStream.has(event.streamId)) {
                    if (typeOfStream.size > 10_000)
                        typeOfStream.clear();
                    typeOfStream.set(event.streamId, (await engine.tasks.get({ taskId: event.streamId }).catch(() => null))?.type ?? null);
                }
                return typeOfStream.get(event.streamId) ?? null;
            };
            const wanted = async (event) => {
                if (query.stream && event.streamId !== query.stream)
                    return false;
                if (eventTypes && !eventTypes.has(event.type))
                    return false;
                if (taskTypes) {
                    const type = await streamTaskType(event);
                    if (type === null || !taskTypes.has(type))
                        return false;
                }
                return true;
            };
            reply.hijack();
            const raw = reply.raw;
            raw.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive', 'x-accel-buffering': 'no' });
            // Headers now, not with the first event: a client that is caught up must still see the stream open.
            raw.flushHeaders();
            let closed = false;
            raw.once('close', () => {
                closed = true;
            });
            const wakeups = engine.events.subscribe();
            const tracked = engine.events.track();
            let lastWrite = Date.now();
            try {
                let page = first;
                for (;;) {
                    for (const event of page.events) {
                        if (closed)
                            return;
                        // The id is the cursor after this event: resuming from it continues right after it.
                        const { cursor: at, ...stored } = event;
                        if (await wanted(stored)) {
                            raw.write(`id: ${at}\nevent: ${event.type}\ndata: ${JSON.stringify(toCloudEvent({ event: stored, source }))}\n\n`);
                            lastWrite = Date.now();
                        }
                    }
                    cursor = page.cursor;
                    // A full page means more is waiting: the stream is behind the log until a page comes back short.
                    tracked.page(page.events.length >= BATCH);
                    if (closed)
                        return;
                    if (page.events.length < BATCH) {
                        if (Date.now() - lastWrite >= KEEPALIVE_MS) {
                            raw.write(': keep-alive\n\n');
                            lastWrite = Date.now();
                        }
                        wakeups.take();
                        await wakeups.wait({ timeoutMs: IDLE_POLL_MS });
                    }
                    if (closed)
                        return;
                    page = await engine.events.readFeed({ cursor, limit: BATCH });
                }
            }
            catch (error) {
                request.log.warn({ err: error }, 'event stream ended by an error');
            }
            finally {
                open -= 1;
                wakeups.close();
                tracked.close();
                if (!closed)
                    raw.end();
            }
        });
    };
}
export { eventRoutes };
//# sourceMappingURL=event-routes.js.map