import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EVENT_TYPE_VERSIONS, EventVersionError, TaskEventSchema, currentTypeVersion, evolve, storedEventData, upcastEvent, type StoredTaskEvent } from '../src/index.js';

const backoff = { baseMs: 1_000, factor: 2, maxMs: 60_000, jitter: 0 };
const v1Plain = { type: 'TaskSubmitted', data: { taskType: 't', payloadVersion: 1, payload: { a: 1 }, priority: 0, runAt: 5, maxAttempts: 3, backoff, timeoutMs: null, idempotencyKey: null, ready: true } };
const v1Routed = {
  type: 'TaskSubmitted',
  data: { ...v1Plain.data, target: { service: 'api', tags: ['eu'], agentId: null }, serialKey: 'k', job: { jobId: 'j', key: 'a', dependsOn: ['b'] } },
};

describe('event type versions', () => {
  it('turns a version-1 TaskSubmitted of a plain task into the current shape, with no placement', () => {
    const up = upcastEvent({ event: v1Plain, typeVersion: 1 });
    expect(up.data).toEqual({ ...v1Plain.data, placement: null, trace: null });
    expect(TaskEventSchema.safeParse(up).success).toBe(true);
    // The version-1 shape is not the current one: without the upcaster it would not be read.
    expect(TaskEventSchema.safeParse(v1Plain).success).toBe(false);
  });

  it('gathers the top-level routing fields of version 1 into placement, every field present', () => {
    const up = upcastEvent({ event: v1Routed, typeVersion: 1 });
    expect(up.data).toEqual({
      ...v1Plain.data,
      placement: { target: { service: 'api', tags: ['eu'], agentId: null }, serialKey: 'k', limitKey: null, job: { jobId: 'j', key: 'a', dependsOn: ['b'] }, broadcast: null, parentId: null },
      trace: null,
    });
    expect(TaskEventSchema.safeParse(up).success).toBe(true);
    const task = evolve(null, { ...(up as object), seq: 1, streamId: 'x', version: 1, time: 5 } as StoredTaskEvent);
    expect(task).toMatchObject({ state: 'blocked', serialKey: 'k', jobId: 'j', key: 'a', dependsOn: ['b'], target: { service: 'api' } });
  });

  it('leaves an event at the current version as it is, and refuses one newer than this code', () => {
    const current = { type: 'TaskSubmitted', data: { ...v1Plain.data, placement: null, trace: null } };
    expect(upcastEvent({ event: current, typeVersion: currentTypeVersion('TaskSubmitted') })).toEqual(current);
    expect(() => upcastEvent({ event: current, typeVersion: currentTypeVersion('TaskSubmitted') + 1 })).toThrow(EventVersionError);
    const claimed = { type: 'TaskClaimed', data: { agentId: 'a', token: 1, attempt: 1, leaseExpiresAt: 9 } };
    expect(upcastEvent({ event: claimed, typeVersion: 1 })).toBe(claimed);
    expect(currentTypeVersion('TaskClaimed')).toBe(1);
  });

  it('stores a TaskSubmitted without the fields at their defaults, and reads it back whole', () => {
    const plain = { type: 'TaskSubmitted', data: { taskType: 't', payloadVersion: 1, payload: { a: 1 }, priority: 0, runAt: 5, maxAttempts: 3, backoff: { baseMs: 1_000, factor: 2, maxMs: 3_600_000, jitter: 0.2 }, timeoutMs: null, idempotencyKey: null, ready: true, placement: null, trace: null } };
    const stored = storedEventData(plain);
    expect(stored).toEqual({ taskType: 't', payload: { a: 1 }, runAt: 5, ready: true });
    const read = upcastEvent({ event: { type: plain.type, data: stored }, typeVersion: currentTypeVersion('TaskSubmitted') });
    expect(read.data).toEqual(plain.data);
    expect(TaskEventSchema.safeParse(read).success).toBe(true);
    // A payload that is null, or that looks like a default, is the task's own: it is always stored.
    expect(storedEventData({ type: 'TaskSubmitted', data: { ...plain.data, payload: null } })).toHaveProperty('payload', null);
    // Each read has its own default backoff: changing one read's leaves the next whole.
    (read.data as { backoff: { baseMs: number } }).backoff.baseMs = 7;
    expect(upcastEvent({ event: { type: plain.type, data: stored }, typeVersion: 4 }).data).toEqual(plain.data);
    // Other types are stored as they are.
    const claimed = { type: 'TaskClaimed', data: { agentId: 'a', token: 1, attempt: 1, leaseExpiresAt: 9 } };
    expect(storedEventData(claimed)).toBe(claimed.data);
  });

  it('reads back every TaskSubmitted it stores as it was, defaults or not (property)', () => {
    const nullable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
    const data = fc.record({
      taskType: fc.string({ minLength: 1 }),
      payloadVersion: fc.constantFrom(1, 2, 7),
      payload: fc.jsonValue(),
      priority: fc.constantFrom(0, 1, -3),
      runAt: fc.integer({ min: 0 }),
      maxAttempts: fc.constantFrom(1, 3, 10),
      backoff: fc.oneof(
        fc.constant({ baseMs: 1_000, factor: 2, maxMs: 3_600_000, jitter: 0.2 }),
        fc.record({ baseMs: fc.constantFrom(1_000, 50), factor: fc.constantFrom(2, 1), maxMs: fc.constantFrom(3_600_000, 10), jitter: fc.constantFrom(0.2, 0) }),
      ),
      timeoutMs: nullable(fc.integer({ min: 1 })),
      idempotencyKey: nullable(fc.string()),
      ready: fc.boolean(),
      placement: nullable(fc.constant({ target: null, serialKey: 'k', limitKey: null, job: null, broadcast: null, parentId: null })),
      trace: nullable(fc.constant({ traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: null })),
    });
    fc.assert(
      fc.property(data, (d) => {
        const event = { type: 'TaskSubmitted', data: d };
        const stored = JSON.parse(JSON.stringify(storedEventData(event)));
        expect(upcastEvent({ event: { type: 'TaskSubmitted', data: stored }, typeVersion: currentTypeVersion('TaskSubmitted') }).data).toEqual(JSON.parse(JSON.stringify(d)));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a version-3 TaskSubmitted, stored whole, as it was', () => {
    const v3 = { type: 'TaskSubmitted', data: { ...v1Plain.data, placement: null, trace: null } };
    expect(upcastEvent({ event: v3, typeVersion: 3 }).data).toEqual(v3.data);
  });

  it('gives a version-2 TaskSubmitted (before trace context) a null trace, and the task none', () => {
    const v2 = { type: 'TaskSubmitted', data: { ...v1Plain.data, placement: null } };
    const up = upcastEvent({ event: v2, typeVersion: 2 });
    expect(up.data).toEqual({ ...v2.data, trace: null });
    expect(TaskEventSchema.safeParse(v2).success).toBe(false);
    expect(evolve(null, { ...(up as object), seq: 1, streamId: 'x', version: 1, time: 5 } as StoredTaskEvent).trace).toBeNull();
  });

  it('has an upcaster for every step from version 1 to the current one of every versioned type', () => {
    for (const [type, version] of Object.entries(EVENT_TYPE_VERSIONS)) {
      for (let from = 1; from < version; from++) {
        const step = upcastEvent({ event: { type, data: {} }, typeVersion: from });
        expect(step.type).toBe(type);
      }
    }
  });
});
