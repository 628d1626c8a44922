// Where a batch submit of 500 tasks spends its time on PostgreSQL. Baton's own
// statement is captured from real `submitMany` calls (so it cannot drift from
// the code), and timed twice:
//   - the call against the statement's round trip, over 60 calls: what Node
//     adds before and after the statement;
//   - EXPLAIN (ANALYZE, BUFFERS, WAL) of the captured statement, prepared and
//     run as Baton's hot connections run it (no JIT, the generic plan), on
//     fresh ids each time: each part of the statement with its time and WAL
//     records.
// Run: node bench/batch-breakdown.mjs [runs] (PostgreSQL at BATON_TEST_DATABASE_URL).
import pg from 'pg';
import { createBaton, defineTask } from 'baton';
import { z } from 'zod';

const url = process.env.BATON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const runs = Number(process.argv[2] ?? 3);
const BATCH = 500;
const CALLS = 60;
const WARM = 10;
const schema = `bench_breakdown_${process.pid}`;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// The submit's own statement, and how long each of its round trips took.
let captured = null;
const statementMs = [];
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (config, ...rest) {
  const submit = config !== null && typeof config === 'object' && config.name?.endsWith('submit_now') && config.values?.[1] !== '[]';
  if (!submit) return query.call(this, config, ...rest);
  captured = config;
  const sentAt = performance.now();
  const answer = query.call(this, config, ...rest);
  answer.then(() => statementMs.push(performance.now() - sentAt), () => undefined);
  return answer;
};

const noop = defineTask({ type: 'bench.noop', schema: z.object({ i: z.number(), t: z.number() }) });
const baton = await createBaton({ database: url, schema, definitions: [noop], logger: { warn() {}, error() {} } });
const calls = [];
for (let c = 0; c < CALLS; c++) {
  const started = performance.now();
  await baton.tasks.submitMany({ tasks: Array.from({ length: BATCH }, (_, i) => ({ type: 'bench.noop', payload: { i, t: 0 } })) });
  calls.push(performance.now() - started);
}
await baton.close();
pg.Client.prototype.query = query;

const client = new pg.Client({ connectionString: url });
await client.connect();
try {
  await client.query('SET jit = off; SET plan_cache_mode = force_generic_plan');
  await client.query({ text: `PREPARE submit_now AS ${captured.text}` });
  const literal = (v) => (v === null ? 'NULL' : `'${(typeof v === 'string' ? v : JSON.stringify(v)).replaceAll("'", "''")}'`);
  /** The captured values with ids no row has yet: a new time prefix on the block's first id, or on each id. */
  const fresh = (k) => {
    const stamp = (id) => `ffff${String(k).padStart(4, '0')}${id.slice(8)}`;
    const values = [...captured.values];
    if (values[0] !== null) values[0] = JSON.stringify(JSON.parse(values[0]).map(stamp));
    if (values[9] !== null && values[9] !== undefined) values[9] = stamp(values[9]);
    return values;
  };
  const parts = {};
  const add = (name, ms, wal) => ((parts[name] ??= { ms: [], wal: [] }).ms.push(ms), parts[name].wal.push(wal));
  const walk = (node) => {
    if (node['Subplan Name']?.startsWith('CTE ')) add(node['Subplan Name'].slice(4), node['Actual Total Time'], node['WAL Records'] ?? 0);
    for (const child of node.Plans ?? []) walk(child);
  };
  for (let run = 0; run < runs + 1; run++) {
    const { rows } = await client.query(`EXPLAIN (ANALYZE, BUFFERS, WAL, FORMAT JSON) EXECUTE submit_now(${fresh(run).map(literal).join(', ')})`);
    const [plan] = rows[0]['QUERY PLAN'];
    if (run === 0) continue; // the first execution makes the generic plan
    walk(plan.Plan);
    add('(whole statement)', plan['Execution Time'], null);
  }
  console.log(`Batch submit breakdown, ${new Date().toISOString()}: ${BATCH} tasks a call\n`);
  console.log(`Calls (median of ${CALLS - WARM} after ${WARM}): call ${median(calls.slice(WARM)).toFixed(2)} ms, statement round trip ${median(statementMs.slice(WARM)).toFixed(2)} ms\n`);
  console.log(`| part of the statement (CTE) | ms (median of ${runs}) | WAL records |\n|---|---|---|`);
  // A part's time includes the parts it reads first (block reads r): they overlap, and only the whole statement adds up.
  for (const [name, p] of Object.entries(parts)) console.log(`| ${name} | ${median(p.ms).toFixed(2)} | ${p.wal[0] === null ? '' : median(p.wal)} |`);
} finally {
  await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
}
