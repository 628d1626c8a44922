// What a change to Baton's PostgreSQL schema would be worth on Baton's own
// path, before anyone writes the migration: each variant is a fresh schema
// that Baton migrates, then altered by plain DDL, then measured through the
// API. Batch: `submitMany` of 20,000 tasks in calls of 500. Drain (with
// --drain): the same tasks, the tables analyzed, run by one in-process agent
// at concurrency 10.
// Variants run alternately, run by run; each figure is the median, with the
// runs. Needs PostgreSQL (BATON_TEST_DATABASE_URL or the local server).
// Run: node bench/schema-levers.mjs [runs] [--drain]
import pg from 'pg';
import { createBaton, defineTask } from 'baton';
import { z } from 'zod';

const url = process.env.BATON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const runs = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 5);
const drain = process.argv.includes('--drain');
const N = 20_000;
const BATCH = 500;
const noop = defineTask({ type: 'bench.noop', schema: z.object({ i: z.number(), t: z.number() }) });
const quiet = { warn() {}, error() {} };
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Each variant: DDL run on the migrated schema (`%s` is the quoted schema name). */
const VARIANTS = {
  'as migrated': [],
  'no list indexes': ['DROP INDEX %s.tasks_by_state', 'DROP INDEX %s.tasks_by_type', 'DROP INDEX %s.tasks_by_submission'],
  'collation "C"': [
    'ALTER TABLE %s.tasks ALTER COLUMN id TYPE text COLLATE "C", ALTER COLUMN type TYPE text COLLATE "C", ALTER COLUMN state TYPE text COLLATE "C"',
    'ALTER TABLE %s.events ALTER COLUMN stream_id TYPE text COLLATE "C"',
  ],
};

/** Runs `fn` until it resolves or the deadline passes: every wait has one. */
function within(ms, what, promise) {
  let timer;
  const deadline = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: not done within ${ms} ms`)), ms)));
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

async function once(admin, ddl) {
  const schema = `bench_levers_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const baton = await createBaton({ database: url, schema, definitions: [noop], logger: quiet });
  try {
    for (const statement of ddl) await admin.query(statement.replaceAll('%s', `"${schema}"`));
    const started = performance.now();
    for (let i = 0; i < N; i += BATCH) await baton.tasks.submitMany({ tasks: Array.from({ length: BATCH }, (_, j) => ({ type: 'bench.noop', payload: { i: i + j, t: 0 } })) });
    const batch = N / ((performance.now() - started) / 1000);
    if (!drain) return { batch };
    // DDL that changes a column's type drops its statistics, and the claim's plan is made again on its next run:
    // without fresh statistics it is a bad one (360 tasks/s). Every variant is analyzed alike before its drain.
    await admin.query(`ANALYZE "${schema}".tasks, "${schema}".events`);
    let seen = 0;
    let done;
    const all = new Promise((resolve) => (done = resolve));
    const agent = baton.agents.create({ concurrency: 10 });
    agent.handle(noop, async () => {
      if (++seen === N) done();
      return null;
    });
    const t = performance.now();
    await agent.start();
    await within(300_000, 'drain', all);
    const rate = N / ((performance.now() - t) / 1000);
    await agent.stop();
    return { batch, drain: rate };
  } finally {
    await baton.close();
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
  }
}

const admin = new pg.Client({ connectionString: url });
await admin.connect();
const results = {};
try {
  for (let run = 0; run < runs; run++) {
    for (const [name, ddl] of Object.entries(VARIANTS)) {
      const r = await once(admin, ddl);
      for (const [k, v] of Object.entries(r)) ((results[name] ??= {})[k] ??= []).push(Math.round(v));
    }
    process.stderr.write(`run ${run + 1} of ${runs} done\n`);
  }
} finally {
  await admin.end();
}
console.log(`Schema levers, ${new Date().toISOString()}: ${N} tasks, calls of ${BATCH}, median of ${runs} runs [runs]\n`);
console.log(`| variant | batch tasks/s |${drain ? ' drain tasks/s |' : ''}`);
console.log(`|---|---|${drain ? '---|' : ''}`);
for (const [name, r] of Object.entries(results)) {
  console.log(`| ${name} | ${median(r.batch)} [${r.batch.join(', ')}] |${drain ? ` ${median(r.drain)} [${r.drain.join(', ')}] |` : ''}`);
}
