// The benchmark suite: every workload against Baton (three set-ups) and the
// peers, interleaved run by run, each figure the median of the runs with min
// and max. Writes bench/results/<name>.json and .md.
// Run: npm run bench (full) or npm run bench:quick (small N, as in CI).
// --systems=a,b and --workloads=x,y run a part, written to focused.json and .md.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { batonSystem } from './baton-systems.mjs';
import { WORKLOADS } from './workloads.mjs';

const args = new Map(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')).map(([k, v]) => [k, v ?? 'true']));
const KNOWN = ['quick', 'runs', 'systems', 'workloads', 'help'];
/** A script, so it may exit: an argument it does not know must not start a 57-minute run. */
function usage(problem) {
  const text = `usage: node bench/suite/run.mjs [--quick] [--runs=N] [--systems=a,b] [--workloads=x,y]\n  workloads: ${Object.keys(WORKLOADS).join(', ')}\n`;
  process.stderr.write(problem ? `${problem}\n${text}` : text);
  process.exit(problem ? 2 : 0);
}
if (args.has('help')) usage();
for (const key of args.keys()) if (!KNOWN.includes(key)) usage(`unknown argument --${key}`);
if (args.has('runs') && !(Number.isInteger(Number(args.get('runs'))) && Number(args.get('runs')) > 0)) usage('--runs takes a whole number above 0');
const quick = args.has('quick');
const runs = Number(args.get('runs') ?? 3);
const pgUrl = process.env.BATON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const redis = { host: process.env.BENCH_REDIS_HOST ?? '127.0.0.1', port: Number(process.env.BENCH_REDIS_PORT ?? 6379) };
const sizes = quick
  ? { 'enqueue-single': { n: 200 }, 'enqueue-batch': { n: 2_000 }, drain: { n: 1_000, concurrency: 10 }, 'drain-best': { n: 2_000 }, latency: { samples: 30 }, delayed: { samples: 20, firstMs: 300 }, steady: { rate: 100, seconds: 2 }, scale: { small: 1_000, large: 10_000, probe: 300 }, dag: { layers: 10, width: 100 } }
  : { 'enqueue-single': { n: 2_000 }, 'enqueue-batch': { n: 20_000 }, drain: { n: 20_000, concurrency: 10 }, 'drain-best': { n: 20_000 }, latency: { samples: 300 }, delayed: { samples: 300, firstMs: 1_500 }, steady: { rate: 500, seconds: 5 }, scale: { small: 10_000, large: 1_000_000, probe: 2_000 }, dag: { layers: 10, width: 100 } };

const systems = [
  batonSystem({ name: 'baton-sqlite', driver: 'sqlite' }),
  batonSystem({ name: 'baton-pg', driver: 'pg', pgUrl }),
  batonSystem({ name: 'baton-pg-http', driver: 'pg', remote: true, pgUrl }),
];
const peersDir = fileURLToPath(new URL('../peers/node_modules', import.meta.url));
if (existsSync(peersDir)) {
  const { graphileSystem, pgBossSystem, bullmqSystem } = await import('../peers/peer-systems.mjs');
  systems.push(graphileSystem({ pgUrl }), pgBossSystem({ pgUrl }), bullmqSystem({ redis }));
} else {
  process.stderr.write('peers not installed: run `npm --prefix bench/peers install` (npm run bench does) to measure graphile-worker, pg-boss and BullMQ too\n');
}
const only = args.get('systems')?.split(',');
const chosen = only ? systems.filter((s) => only.includes(s.name)) : systems;
const workloads = args.get('workloads')?.split(',') ?? Object.keys(WORKLOADS);
for (const name of only ?? []) if (!systems.some((s) => s.name === name)) usage(`unknown system ${name}; these can run here: ${systems.map((s) => s.name).join(', ')}`);
for (const name of workloads) if (!(name in WORKLOADS)) usage(`unknown workload ${name}`);

/** samples[system][workload][metric] = [value per run] */
const samples = {};
const failures = [];
for (let run = 1; run <= runs; run++) {
  for (const workload of workloads) {
    for (const system of chosen) {
      if (WORKLOADS[workload].appliesTo && !WORKLOADS[workload].appliesTo(system)) continue;
      const t = performance.now();
      try {
        const figures = await WORKLOADS[workload](system, sizes[workload]);
        for (const [metric, value] of Object.entries(figures)) ((samples[system.name] ??= {})[workload] ??= {})[metric] = [...(samples[system.name][workload][metric] ?? []), value];
        process.stderr.write(`run ${run}/${runs} ${workload.padEnd(15)} ${system.name.padEnd(16)} ${Object.entries(figures).map(([k, v]) => `${k} ${v.toFixed(k === 'early' ? 0 : 1)}`).join(', ')} (${Math.round(performance.now() - t)} ms)\n`);
      } catch (error) {
        failures.push({ run, workload, system: system.name, error: String(error?.message ?? error) });
        process.stderr.write(`run ${run}/${runs} ${workload} ${system.name} FAILED: ${error?.message ?? error}\n`);
      }
    }
  }
}

const summary = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return { median: sorted[Math.floor((sorted.length - 1) / 2)], min: sorted[0], max: sorted[sorted.length - 1], runs: xs.length };
};
const results = {};
for (const [system, byWorkload] of Object.entries(samples)) {
  for (const [workload, byMetric] of Object.entries(byWorkload)) for (const [metric, xs] of Object.entries(byMetric)) ((results[workload] ??= {})[metric] ??= {})[system] = summary(xs);
}
const logCost = {};
for (const system of chosen.filter((s) => s.name.startsWith('baton'))) {
  const { WORKLOADS: _w, withInstance, counter } = await import('./workloads.mjs');
  const ran = counter();
  logCost[system.name] = await withInstance(system, 10, () => ran.hit(), async (q) => {
    await q.enqueueBatch(Array.from({ length: 500 }, (_, i) => ({ i, t: 0 })));
    await q.startWorkers();
    await ran.until(500, 60_000);
    await q.stopWorkers();
    return q.logCost();
  });
}

const meta = {
  when: new Date().toISOString(),
  quick,
  runs,
  sizes,
  machine: { cpus: cpus().length, model: cpus()[0]?.model, memGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
  systems: chosen.map((s) => ({ name: s.name, version: s.version, settings: s.settings })),
};
const fmt = (x) => (x >= 100 ? Math.round(x).toString() : x.toFixed(x >= 10 ? 1 : 2));
const lines = [`Baton benchmark, ${meta.when}${quick ? ' (quick)' : ''}: ${meta.machine.cpus} CPUs (${meta.machine.model}), Node ${meta.machine.node}. Median of ${runs} runs, [min–max].`, ''];
lines.push('| system | version | settings |', '|---|---|---|', ...meta.systems.map((s) => `| ${s.name} | ${s.version} | ${s.settings} |`), '');
for (const [workload, byMetric] of Object.entries(results)) {
  const names = chosen.map((s) => s.name).filter((n) => Object.values(byMetric).some((m) => m[n]));
  lines.push(`### ${workload} ${JSON.stringify(sizes[workload])}`, '', `| metric | ${names.join(' | ')} |`, `|---|${names.map(() => '---').join('|')}|`);
  for (const [metric, bySystem] of Object.entries(byMetric)) lines.push(`| ${metric} | ${names.map((n) => (bySystem[n] ? `${fmt(bySystem[n].median)} [${fmt(bySystem[n].min)}–${fmt(bySystem[n].max)}]` : '–')).join(' | ')} |`);
  lines.push('');
}
lines.push('### Cost of the event log (Baton, 500 no-op tasks)', '', '| set-up | events per task | bytes per task | measured as |', '|---|---|---|---|');
for (const [name, c] of Object.entries(logCost)) lines.push(`| ${name} | ${c.eventsPerTask.toFixed(2)} | ${Math.round(c.bytesPerTask)} | ${c.note} |`);
if (failures.length) lines.push('', '### Failures', '', ...failures.map((f) => `- run ${f.run} ${f.workload} ${f.system}: ${f.error}`));
const out = fileURLToPath(new URL('../results/', import.meta.url));
mkdirSync(out, { recursive: true });
// A run of some systems or workloads only is written apart: it must not replace the latest full table.
const base = quick ? 'quick' : only || args.has('workloads') ? 'focused' : 'latest';
writeFileSync(`${out}${base}.json`, `${JSON.stringify({ meta, results, logCost, failures }, null, 2)}\n`);
writeFileSync(`${out}${base}.md`, `${lines.join('\n')}\n`);
process.stdout.write(`${lines.join('\n')}\n`);
// A Baton set-up that fails is a failure of this suite; a peer that fails is reported above (its service may be down).
if (failures.some((f) => f.system.startsWith('baton'))) process.exitCode = 1;
