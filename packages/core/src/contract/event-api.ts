import { z } from 'zod';
import type { StoredEvent } from '../domain/task-events.js';
import { csv } from './task-api.js';

/** An event of the log in a CloudEvents 1.0 JSON envelope, as `GET /v1/events` streams it. */
const CloudEventSchema = z.object({
  specversion: z.literal('1.0'),
  /** The event's global sequence number, unique in the log. */
  id: z.string(),
  source: z.string(),
  /** `dev.baton.<EventType>`, e.g. `dev.baton.TaskSucceeded`. */
  type: z.string(),
  /** The stream: a task id, `agent:<id>` or `type:<name>`. */
  subject: z.string(),
  time: z.string(),
  datacontenttype: z.literal('application/json'),
  data: z.unknown(),
  /** Extension attributes: the global sequence and the version within the stream. */
  sequence: z.string(),
  streamversion: z.number().int(),
});
type CloudEvent = z.infer<typeof CloudEventSchema>;

const EVENT_TYPE_PREFIX = 'dev.baton.';

function toCloudEvent(params: { event: StoredEvent; source: string }): CloudEvent {
  const { event } = params;
  return {
    specversion: '1.0',
    id: String(event.seq),
    source: params.source,
    type: `${EVENT_TYPE_PREFIX}${event.type}`,
    subject: event.streamId,
    time: new Date(event.time).toISOString(),
    datacontenttype: 'application/json',
    data: event.data,
    sequence: String(event.seq),
    streamversion: event.version,
  };
}

/**
 * `GET /v1/events`: resume after `after` (or the Last-Event-ID header), or
 * `after=now` for only what happens from here on; filter by stream, event type and task type.
 */
const EventStreamQuerySchema = z
  .object({
    after: z.string().max(64).optional(),
    stream: z.string().min(1).max(220).optional(),
    type: csv(z.string().regex(/^[A-Za-z]{1,64}$/, 'an event type such as TaskSucceeded')).optional(),
    taskType: csv(z.string().min(1).max(200)).optional(),
  })
  .strict();
type EventStreamQuery = z.infer<typeof EventStreamQuerySchema>;

export { CloudEventSchema, toCloudEvent, EventStreamQuerySchema, EVENT_TYPE_PREFIX };
export type { CloudEvent, EventStreamQuery };
