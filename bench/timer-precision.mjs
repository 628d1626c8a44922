// Timer precision on an idle embedded server: how long after its due time a
// delayed task, and a schedule tick, is handed to an agent. Never early is the
// rule; the numbers say how late. Run: node bench/timer-precision.mjs [runs]
import { createBaton, defineTask } from 'baton';
import { z } from 'zod';

const runs = Number(process.argv[2] ?? 5);
const tick = defineTask({ type: 'bench.tick', schema: z.object({ i: z.number() }) });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

async function once() {
  const baton = await createBaton({ database: 'sqlite::memory:', definitions: [tick], logger: { warn() {}, error() {} } });
  const lateness = [];
  const agent = baton.agents.create({ concurrency: 50 });
  agent.handle(tick, async () => null);
  await agent.start();
  // Delayed tasks: 40 due times spread over 2 s.
  const submitted = await baton.tasks.submitMany({ tasks: Array.from({ length: 40 }, (_, i) => ({ type: 'bench.tick', payload: { i }, delayMs: 50 + i * 50 })) });
  for (const { task } of submitted) {
    await baton.tasks.await({ taskId: task.id, timeoutMs: 10_000 });
    const claimed = (await baton.events.readStream({ streamId: task.id })).find((e) => e.type === 'TaskClaimed');
    lateness.push(claimed.time - task.runAt);
  }
  // Schedule ticks: every second for 3 s.
  await baton.schedules.define({ name: 'bench', cron: '* * * * * *', task: { type: 'bench.tick', payload: { i: -1 } }, overlap: 'allow' });
  await new Promise((r) => setTimeout(r, 3_200));
  await baton.schedules.remove('bench');
  const ticks = (await baton.tasks.list({ filter: { idempotencyKeyPrefix: 'schedule:bench:' }, limit: 100 })).items;
  const tickLateness = [];
  for (const task of ticks) {
    const submittedAt = (await baton.events.readStream({ streamId: task.id }))[0].time;
    tickLateness.push(submittedAt - task.runAt);
  }
  await baton.close();
  return { lateness, tickLateness };
}

const delayed = [];
const ticks = [];
for (let r = 0; r < runs; r++) {
  const { lateness, tickLateness } = await once();
  delayed.push({ median: median(lateness), p99: pct(lateness, 0.99), min: Math.min(...lateness) });
  ticks.push({ median: median(tickLateness), max: Math.max(...tickLateness), min: Math.min(...tickLateness) });
}
const report = (label, rows, keys) =>
  console.log(`${label}: ${keys.map((k) => `${k} ${median(rows.map((r) => r[k]))} ms`).join(', ')} (median of ${rows.length} runs)`);
report('delayed task, due → claimed', delayed, ['median', 'p99', 'min']);
report('schedule tick, due → submitted', ticks, ['median', 'max', 'min']);
if (Math.min(...delayed.map((d) => d.min), ...ticks.map((t) => t.min)) < 0) console.log('EARLY: something fired before its time');
