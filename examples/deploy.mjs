// @ts-check
// The rollout of examples/workflows/deploy.yaml, embedded: five in-process agents
// labelled db, app and lb, one trigger, and the order the steps ran in.
import { fileURLToPath } from 'node:url';
import { createBaton } from 'baton';
import handlers, { deployStep } from './deploy-handlers.mjs';

const baton = await createBaton({
  database: 'sqlite::memory:',
  definitions: [deployStep],
  workflowsDir: fileURLToPath(new URL('./workflows', import.meta.url)),
});
for (const [id, service] of [['db-1', 'db'], ['db-2', 'db'], ['app-1', 'app'], ['app-2', 'app'], ['lb-1', 'lb']]) {
  const agent = baton.agents.create({ id, labels: { service } });
  for (const { definition, handler } of handlers) agent.handle(definition, handler);
  await agent.start();
}
const { job } = await baton.workflows.trigger({ event: 'deploy', payload: { version: '1.4.2' } });
const done = await baton.jobs.await({ jobId: job.id, timeoutMs: 10_000 });
for (const step of done.job.tasks) {
  const task = done.tasks.find((t) => t.id === step.taskId);
  console.log(`${step.key}: ${task?.state} on ${task?.fanout?.agentIds.join(', ')}`);
}
await baton.close();
