// @ts-check
// Handlers for examples/workflows/deploy.yaml: one step of a rollout on one cluster member.
import { defineHandler, defineTask } from 'baton';
import { z } from 'zod';

export const deployStep = defineTask({
  type: 'deploy.step',
  schema: z.object({ role: z.enum(['db', 'app', 'lb']), version: z.string().min(1).max(50) }),
  defaults: { maxAttempts: 2, timeoutMs: 600_000 },
});

export default [
  defineHandler(deployStep, async (payload, ctx) => {
    // A real step would migrate, restart or re-point; this one waits a moment, and stops when told to.
    await new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, 20);
      ctx.signal.addEventListener('abort', () => {
        clearTimeout(timer);
        reject(ctx.signal.reason);
      });
    });
    return { role: payload.role, version: payload.version, after: Object.keys(ctx.results) };
  }),
];
