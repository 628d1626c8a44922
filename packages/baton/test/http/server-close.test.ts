import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { tokenFor } from '../support/auth.js';

const echo = defineTask({ type: 'echo', schema: z.object({}) });
const quiet = { warn: () => undefined, error: () => undefined };

/** A connection opened and never used, as HTTP clients' pools keep them; resolves when the server ends it. */
function openIdle(port: number): Promise<{ socket: Socket; ended: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve({ socket, ended: new Promise((done) => socket.once('close', () => done(Date.now()))) }));
    socket.on('error', reject);
  });
}

describe('closing the HTTP server', () => {
  let baton: Baton | null = null;
  afterEach(async () => {
    await baton?.close();
    baton = null;
  });

  it('ends unused connections at once, lets a request in progress finish, and then is closed', async () => {
    baton = await createBaton({ database: 'sqlite::memory:', definitions: [echo], logger: quiet });
    const app = await createHttpServer({ engine: baton.engine });
    const port = Number(new URL(await app.listen({ port: 0, host: '127.0.0.1' })).port);
    const headers = { authorization: `Bearer ${await tokenFor(baton, ['admin'])}` };
    const { task } = await baton.tasks.submit({ type: 'echo', payload: {} });
    // A keep-alive connection that served one request, and one that never carried any.
    await (await fetch(`http://127.0.0.1:${port}/v1/tasks/${task.id}`, { headers })).arrayBuffer();
    const idle = await openIdle(port);
    // A long-poll still waiting when the close begins: nothing runs the task, so it answers done=false when its wait ends.
    const waiting = fetch(`http://127.0.0.1:${port}/v1/tasks/${task.id}/await?wait=1500ms`, { headers });
    await new Promise((resolve) => setTimeout(resolve, 200));

    const closeStarted = Date.now();
    const closed = app.close().then(() => Date.now());
    const idleEndedAt = await idle.ended;
    const answer = await waiting;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { done: boolean }).done).toBe(false);
    const closedAt = await closed;
    // Node alone waits a never-used connection out to its headers timeout, over a minute: here it goes at once,
    // and the close ends when the long-poll's answer has gone out.
    expect(idleEndedAt - closeStarted).toBeLessThan(1_000);
    expect(closedAt - closeStarted).toBeLessThan(5_000);
  });
});
