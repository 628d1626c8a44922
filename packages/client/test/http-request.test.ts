import { describe, expect, it } from 'vitest';
import { BatonClient } from '../src/index.js';

const json = (status: number, body: unknown, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

describe('SDK requests', () => {
  it('tries a safe request again when the server cannot be reached, but never a submit', async () => {
    const calls: string[] = [];
    let failures = 2;
    const fetchStub: typeof fetch = async (input, init) => {
      calls.push(`${init?.method} ${String(input)}`);
      if (failures-- > 0) throw new TypeError('fetch failed');
      return json(200, { items: [], nextCursor: null });
    };
    const client = new BatonClient({ url: 'http://baton.test', token: 't', fetch: fetchStub });
    expect(await client.tasks.list()).toEqual({ items: [], nextCursor: null });
    expect(calls).toHaveLength(3);

    calls.length = 0;
    failures = 1;
    await expect(client.tasks.submit({ type: 'x', payload: {} })).rejects.toMatchObject({ code: 'UNREACHABLE' });
    expect(calls).toEqual(['POST http://baton.test/v1/tasks']);
  });

  it('turns a problem+json answer into a typed BatonError with its code, and sends the token', async () => {
    let authorization: string | null = null;
    const fetchStub: typeof fetch = async (_input, init) => {
      authorization = new Headers(init?.headers).get('authorization');
      return json(409, { type: 'x', title: 't', status: 409, detail: 'cannot retry', code: 'TASK_NOT_ENDED_IN_FAILURE', instance: '/v1/tasks/1/retry' }, 'application/problem+json');
    };
    const client = new BatonClient({ url: 'http://baton.test/', token: 'bat_secret', fetch: fetchStub });
    await expect(client.tasks.retry({ taskId: '1' })).rejects.toMatchObject({ code: 'TASK_NOT_ENDED_IN_FAILURE', message: 'cannot retry' });
    expect(authorization).toBe('Bearer bat_secret');
  });
});
