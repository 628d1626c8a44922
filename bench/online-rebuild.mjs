// The online rebuild on PostgreSQL: how long `baton replay --apply` runs on a
// log of N tasks, how long it holds writers off (the swap), and what a writer
// submitting one task at a time sees meanwhile, against the same writer with
// no rebuild. Needs PostgreSQL (BATON_TEST_DATABASE_URL or the local server).
// Run: node bench/online-rebuild.mjs [tasks] [runs]
import pg from 'pg';
import { createBaton, defineTask } from 'baton';
import { createPgStore } from '../packages/baton/dist/storage/postgres/pg-store.js';
import { z } from 'zod';

const url = process.env.BATON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const tasks = Number(process.argv[2] ?? 50_000);
const runs = Number(process.argv[3] ?? 3);
const schema = `bench_rebuild_${process.pid}`;
const work = defineTask({ type: 'bench.work', schema: z.object({ i: z.number() }) });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const quiet = { warn() {}, error() {} };

const writerNode = await createBaton({ database: url, schema, definitions: [work], logger: quiet });
for (let i = 0; i < tasks; i += 1_000) {
  await writerNode.tasks.submitMany({ tasks: Array.from({ length: Math.min(1_000, tasks - i) }, (_, j) => ({ type: 'bench.work', payload: { i: i + j } })) });
}
const pool = new pg.Pool({ connectionString: url, max: 4 });
const store = await createPgStore({ pool, schema });

/** Submits one task at a time until stopped; returns each submit's latency in ms. */
function writer() {
  const latencies = [];
  let on = true;
  const done = (async () => {
    while (on) {
      const t = performance.now();
      await writerNode.tasks.submit({ type: 'bench.work', payload: { i: -1 } });
      latencies.push(performance.now() - t);
    }
  })();
  return { stop: async () => ((on = false), await done, latencies) };
}

const rows = [];
for (let run = 0; run < runs; run++) {
  const idle = writer();
  await new Promise((r) => setTimeout(r, 1_000));
  const base = await idle.stop();
  const busy = writer();
  const t = performance.now();
  const report = await store.rebuildProjections();
  const took = performance.now() - t;
  const during = await busy.stop();
  rows.push({ events: report.events, took, locked: report.lockedMs, caughtUp: report.caughtUp, rounds: report.rounds, baseP50: pct(base, 0.5), baseMax: Math.max(...base), p50: pct(during, 0.5), p99: pct(during, 0.99), max: Math.max(...during), writes: during.length });
}
for (const r of rows) console.log(JSON.stringify({ ...r, took: Math.round(r.took), baseP50: +r.baseP50.toFixed(2), baseMax: Math.round(r.baseMax), p50: +r.p50.toFixed(2), p99: Math.round(r.p99), max: Math.round(r.max) }));
console.log(
  `online rebuild of ${tasks} tasks (${rows[0].events}+ events), median of ${runs}: took ${Math.round(median(rows.map((r) => r.took)))} ms, ` +
    `writers held off ${Math.round(median(rows.map((r) => r.locked)))} ms; a writer's submit meanwhile: p50 ${median(rows.map((r) => r.p50)).toFixed(2)} ms ` +
    `(idle ${median(rows.map((r) => r.baseP50)).toFixed(2)} ms), slowest ${Math.round(median(rows.map((r) => r.max)))} ms; ${Math.round(median(rows.map((r) => r.writes)))} submits went through during each rebuild`,
);
await store.close();
await writerNode.close({ graceMs: 100 });
const admin = new pg.Pool({ connectionString: url, max: 1 });
await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
await admin.end();
