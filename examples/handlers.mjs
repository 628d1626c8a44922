// @ts-check
// A handlers file for `baton server --handlers examples/handlers.mjs`.
import { defineHandler, defineTask } from 'baton';
import { z } from 'zod';

export const resize = defineTask({
  type: 'image.resize',
  schema: z.object({ url: z.url(), width: z.number().int().min(1).max(10_000) }),
  defaults: { maxAttempts: 5, timeoutMs: 60_000 },
});

export const greet = defineTask({ type: 'greet', schema: z.object({ name: z.string().min(1).max(100) }) });

export const count = defineTask({ type: 'count', schema: z.object({ to: z.number().int().min(1).max(1_000), stepMs: z.number().int().min(0).max(10_000) }) });

export default [
  defineHandler(resize, async (payload, ctx) => {
    // A real handler would fetch and resize; this one pretends, and honours cancellation.
    await new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, 50);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(ctx.signal.reason);
      });
    });
    return { url: payload.url, width: payload.width, attempt: ctx.attempt };
  }),
  defineHandler(greet, async (payload) => `Hello, ${payload.name}!`),
  // Reports how far it got: `baton await` draws it as a bar, the API shows it as the task's progress.
  defineHandler(count, async (payload, ctx) => {
    for (let i = 1; i <= payload.to; i++) {
      await new Promise((resolve) => setTimeout(resolve, payload.stepMs));
      void ctx.progress(i, payload.to, `counted to ${i}`);
    }
    return payload.to;
  }),
];
