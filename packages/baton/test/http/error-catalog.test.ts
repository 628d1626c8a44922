import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask, ERROR_CATALOG, ProblemSchema, type ErrorCode } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { tokenFor } from '../support/auth.js';

const echo = defineTask({ type: 'echo', schema: z.object({ text: z.string().max(50) }) });
const quiet = { warn: () => undefined, error: () => undefined };

/** Codes shown over HTTP by tests that need a real socket or a real outage. */
const ELSEWHERE: Partial<Record<ErrorCode, string>> = {
  MALFORMED_REQUEST: 'limits.test.ts (raw socket)',
  HEADERS_TOO_LARGE: 'limits.test.ts (raw socket)',
  RATE_LIMITED: 'limits.test.ts',
  TOO_MANY_WAITERS: 'limits.test.ts',
  TOO_MANY_STREAMS: 'limits.test.ts',
  NOT_READY: 'pg-outage.test.ts (the database cut off)',
  DASHBOARD_NOT_BUILT: 'dashboard-routes.test.ts (a server whose dashboard folder is missing)',
};

/** Codes no HTTP request can cause, and why. */
const NOT_OVER_HTTP: Partial<Record<ErrorCode, string>> = {
  TASK_EXISTS: 'ids are made by the server',
  TASK_NOT_CLAIMABLE: 'claims pick only queued tasks',
  TASK_NOT_DUE: 'promotion picks only due tasks',
  LEASE_NOT_EXPIRED: 'the sweep picks only expired leases',
  REBUILD_RUNNING: 'a rebuild runs from baton replay --apply, not over HTTP (projection-check.test.ts shows it)',
  UNREACHABLE: 'raised by the SDK when it cannot reach the server',
  AWAIT_TIMEOUT: 'raised by the SDK and the library; HTTP await answers done: false',
  CONFIG_INVALID: 'raised at start, before the server listens',
  INTERNAL: 'a fault of the server; never caused on purpose',
  METHOD_NOT_ALLOWED: 'Fastify answers an unknown method on a known path with 404',
  NOT_IMPLEMENTED: 'kept for resources announced before they ship; no route of this version answers it',
  TASK_NOT_BLOCKED: "only a job's cascade unblocks tasks, and only blocked ones",
  TASK_NOT_BROADCAST: 'only the fan-out and a job\'s cascade send broadcast commands, and only to broadcast steps',
};

describe('every code of the error catalog, through inject()', () => {
  let baton: Baton;
  let app: FastifyInstance;
  let admin: string;
  let reader: string;
  beforeAll(async () => {
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [echo], logger: quiet });
    app = await createHttpServer({ engine: baton.engine, bodyLimit: 4_096 });
    admin = await tokenFor(baton, ['admin']);
    reader = await tokenFor(baton, ['read']);
  });
  afterAll(async () => {
    await app.close();
    await baton.close();
  });

  const call = (method: string, url: string, options: { payload?: unknown; token?: string | null; contentType?: string } = {}) =>
    app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(options.token === null ? {} : { authorization: `Bearer ${options.token ?? admin}` }),
        ...(options.contentType ? { 'content-type': options.contentType } : {}),
      },
      ...(options.payload === undefined ? {} : { payload: options.payload as string }),
    });
  const submit = async () => (await call('POST', '/v1/tasks', { payload: { type: 'echo', payload: { text: 'x' } } })).json().task.id as string;
  const protocol = (taskId: string, what: string, payload: unknown) => call('POST', `/v1/agents/a1/tasks/${taskId}/${what}`, { payload });
  const claimOne = async () => (await call('POST', '/v1/agents/a1/claim', { payload: { types: ['echo'], limit: 1 } })).json().tasks[0] as { id: string; token: number };

  const triggers: Partial<Record<ErrorCode, () => Promise<LightMyRequestResponse>>> = {
    MALFORMED_JSON: () => call('POST', '/v1/tasks', { payload: '{', contentType: 'application/json' }),
    VALIDATION_FAILED: () => call('GET', '/v1/tasks?limit=0'),
    UNAUTHENTICATED: () => call('GET', '/v1/tasks', { token: null }),
    FORBIDDEN: () => call('POST', '/v1/tasks', { token: reader, payload: { type: 'echo', payload: { text: 'x' } } }),
    ROUTE_NOT_FOUND: () => call('GET', '/v1/nothing-here'),
    TASK_NOT_FOUND: () => call('GET', '/v1/tasks/no-such-task'),
    AGENT_NOT_FOUND: () => call('GET', '/v1/agents/no-such-agent'),
    TOKEN_NOT_FOUND: () => call('POST', '/v1/tokens/0123456789ab/revoke', { payload: {} }),
    DEFINITION_NOT_FOUND: () => call('GET', '/v1/definitions/nope'),
    TASK_FINISHED: async () => {
      const id = await submit();
      await call('POST', `/v1/tasks/${id}/cancel`, { payload: {} });
      return call('POST', `/v1/tasks/${id}/cancel`, { payload: {} });
    },
    TASK_NOT_RUNNING: async () => protocol(await submit(), 'succeed', { token: 0, result: null }),
    STALE_LEASE: async () => {
      await submit();
      const claimed = await claimOne();
      return protocol(claimed.id, 'succeed', { token: claimed.token + 1 });
    },
    CANCEL_NOT_REQUESTED: async () => {
      await submit();
      const claimed = await claimOne();
      return protocol(claimed.id, 'confirm-cancel', { token: claimed.token });
    },
    TASK_NOT_ENDED_IN_FAILURE: async () => call('POST', `/v1/tasks/${await submit()}/retry`, { payload: {} }),
    PAYLOAD_TOO_LARGE: () => call('POST', '/v1/tasks', { payload: { type: 'echo', payload: { text: 'x'.repeat(5_000) } } }),
    URI_TOO_LONG: () => call('GET', `/v1/tasks/${'x'.repeat(300)}`),
    UNSUPPORTED_MEDIA_TYPE: () => call('POST', '/v1/tasks', { payload: 'type=echo', contentType: 'text/plain' }),
    UNKNOWN_TASK_TYPE: () => call('POST', '/v1/tasks', { payload: { type: 'nope', payload: {} } }),
    PAYLOAD_INVALID: () => call('POST', '/v1/tasks', { payload: { type: 'echo', payload: { text: 7 } } }),
    PAYLOAD_VERSION_UNSUPPORTED: () => call('POST', '/v1/tasks', { payload: { type: 'echo', payloadVersion: 99, payload: { text: 'x' } } }),
    NO_AGENT_CAN_RUN: () => call('POST', '/v1/tasks', { payload: { type: 'echo', payload: { text: 'x' }, whenNoAgent: 'refuse' } }),
    WORKFLOW_NOT_FOUND: () => call('POST', '/v1/triggers/deploy', { payload: { payload: {} } }),
    STREAM_NOT_FOUND: () => call('GET', '/v1/history/nothing-has-this-id'),
    SCHEDULE_NOT_FOUND: () => call('POST', '/v1/schedules/nope/pause', { payload: {} }),
    REMINDER_NOT_FOUND: () => call('GET', '/api/v1/reminders/no-such-reminder'),
    JOB_NOT_FOUND: () => call('GET', '/v1/jobs/no-such-job'),
    JOB_GRAPH_INVALID: () => call('POST', '/v1/jobs', { payload: { tasks: [{ key: 'a', type: 'echo', payload: { text: 'x' }, dependsOn: ['a'] }] } }),
    JOB_FINISHED: async () => {
      const id = (await call('POST', '/v1/jobs', { payload: { tasks: [{ key: 'a', type: 'echo', payload: { text: 'x' } }] } })).json().job.id as string;
      await call('POST', `/v1/jobs/${id}/cancel`, { payload: {} });
      return call('POST', `/v1/jobs/${id}/cancel`, { payload: {} });
    },
    TASK_IN_JOB: async () => {
      const job = (await call('POST', '/v1/jobs', { payload: { tasks: [{ key: 'a', type: 'echo', payload: { text: 'x' } }] } })).json().job;
      await call('POST', `/v1/jobs/${job.id}/cancel`, { payload: {} });
      return call('POST', `/v1/tasks/${job.tasks[0].taskId}/retry`, { payload: {} });
    },
  };

  it('accounts for every code: caused here, shown by another test, or not reachable over HTTP for a stated reason', () => {
    const accounted = new Set([...Object.keys(triggers), ...Object.keys(ELSEWHERE), ...Object.keys(NOT_OVER_HTTP), 'SHUTTING_DOWN']);
    expect(Object.keys(ERROR_CATALOG).filter((code) => !accounted.has(code))).toEqual([]);
  });

  for (const [code, trigger] of Object.entries(triggers)) {
    it(`${code}: ${ERROR_CATALOG[code as ErrorCode].status} problem+json`, async () => {
      const res = await trigger!();
      expect(res.statusCode).toBe(ERROR_CATALOG[code as ErrorCode].status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(ProblemSchema.parse(res.json())).toMatchObject({ code, status: ERROR_CATALOG[code as ErrorCode].status, title: ERROR_CATALOG[code as ErrorCode].title });
    });
  }

  it('SHUTTING_DOWN: 503 problem+json once the engine is closing', async () => {
    const closing = await createBaton({ database: 'sqlite::memory:', definitions: [echo], logger: quiet });
    const server = await createHttpServer({ engine: closing.engine });
    const token = await tokenFor(closing, ['admin']);
    await closing.engine.close();
    const res = await server.inject({ method: 'POST', url: '/v1/tasks', headers: { authorization: `Bearer ${token}` }, payload: { type: 'echo', payload: { text: 'x' } } });
    expect(res.statusCode).toBe(503);
    expect(ProblemSchema.parse(res.json())).toMatchObject({ code: 'SHUTTING_DOWN' });
    await server.close();
    await closing.close();
  });
});
