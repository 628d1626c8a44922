// The remote agent of the baton-pg-http set-up, in a process of its own as a
// remote agent would be: it claims and reports over HTTP only, and tells the
// benchmark over IPC each time its handler starts.
import { createAgent, createHttpAgentTransport } from '@baton/client';
import { defineTask } from 'baton';
import { z } from 'zod';

const noop = defineTask({ type: 'bench.noop', schema: z.object({ i: z.number(), t: z.number() }), defaults: { maxAttempts: 3 } });
const agent = createAgent({
  transport: createHttpAgentTransport({ url: process.env.BENCH_URL, token: process.env.BENCH_TOKEN }),
  concurrency: Number(process.env.BENCH_CONCURRENCY),
});
agent.handle(noop, async (payload) => {
  // The start on the machine's clock (both processes read the same one): the benchmark counts from there, not from the IPC's arrival.
  process.send({ run: payload, at: performance.timeOrigin + performance.now() });
  return null;
});
process.on('message', async (message) => {
  if (message === 'start') {
    await agent.start();
    process.send('started');
  } else if (message === 'stop') {
    await agent.stop();
    process.send('stopped', () => process.disconnect());
  }
});
// Loaded, not yet claiming: the benchmark's clock starts with 'start', as it does for an in-process agent.
process.send('loaded');
