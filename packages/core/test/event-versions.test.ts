import { describe, expect, it } from 'vitest';
import { EVENT_TYPE_VERSIONS, EventVersionError, TaskEventSchema, currentTypeVersion, evolve, upcastEvent, type StoredTaskEvent } from '../src/index.js';

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
    expect(upcastEvent({ event: current, typeVersion: currentTypeVersion('TaskSubmitted') })).toBe(current);
    expect(() => upcastEvent({ event: current, typeVersion: currentTypeVersion('TaskSubmitted') + 1 })).toThrow(EventVersionError);
    expect(currentTypeVersion('TaskClaimed')).toBe(1);
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
