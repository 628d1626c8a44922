// @ts-check
// Baton embedded in your own process: no server, a SQLite database, an agent in the same process.
// Run: node examples/embedded.mjs
import { createBaton, defineTask } from 'baton';
import { z } from 'zod';

const sendEmail = defineTask({
  type: 'email.send',
  schema: z.object({ to: z.email(), subject: z.string().max(200) }),
  defaults: { maxAttempts: 5, backoff: { baseMs: 500 } },
});

const baton = await createBaton({ database: process.env.BATON_DATABASE_URL ?? 'sqlite::memory:', definitions: [sendEmail] });

const agent = baton.agents.create({ concurrency: 4 });
agent.handle(sendEmail, async (email, ctx) => {
  // ctx.idempotencyKey and ctx.taskId let a handler make its side effect exactly once.
  return { deliveredTo: email.to, attempt: ctx.attempt };
});
await agent.start();

const { task } = await baton.tasks.submit({ type: 'email.send', payload: { to: 'ada@example.com', subject: 'Hello' }, idempotencyKey: 'welcome-ada' });
const done = await baton.tasks.await({ taskId: task.id, timeoutMs: 10_000 });
console.log(`${done.state}: ${JSON.stringify(done.result)}`);

await baton.close({ graceMs: 1_000 });
