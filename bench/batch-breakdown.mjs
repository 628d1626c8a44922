// Where Baton's batch insert spends its time on PostgreSQL (issue 9: batch
// enqueue is the target furthest off). The statement of pg-fast-writes.ts is
// taken apart into stages, each run on the same 500-row parameters, built
// from a real task's doc and TaskSubmitted event:
//   parse       the rows arrive and jsonb_to_recordset parses them
//   + seq       each row takes its seq
//   + concat    the doc gets its seq (doc || {submitSeq, queueSeq})
//   + ids       the seq of each id, aggregated for the answer
//   events      the events rows only
//   tasks       the tasks rows only (every index)
//   baton       the whole statement, as Baton runs it
//   baton-lean  the whole statement with docs and events stripped of null
//               fields: what a narrower row would save
// Rows per second, median of the runs with [min–max].
// Run: node bench/batch-breakdown.mjs [runs] (PostgreSQL at BATON_TEST_DATABASE_URL).
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createBaton, defineTask } from 'baton';
import { z } from 'zod';

const url = process.env.BATON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const runs = Number(process.argv[2] ?? 3);
const BATCH = 500;
const BATCHES = 20;
const schema = `bench_breakdown_${process.pid}`;

// A real doc and event: Baton makes its tables and one task, and the rows are copied from there.
const noop = defineTask({ type: 'bench.noop', schema: z.object({ i: z.number(), t: z.number() }) });
const baton = await createBaton({ database: url, schema, definitions: [noop], logger: { warn() {}, error() {} } });
await baton.tasks.submit({ type: 'bench.noop', payload: { i: 1, t: 0 } });
await baton.close();

const client = new pg.Client({ connectionString: url });
await client.connect();
const s = `"${schema}"`;
try {
  const seq = (await client.query(`SELECT pg_get_serial_sequence($1, 'seq') AS s`, [`${schema}.events`])).rows[0].s;
  const sample = (await client.query(`SELECT t.doc, e.data, e.type_version FROM ${s}.tasks t JOIN ${s}.events e ON e.stream_id = t.id AND e.version = 1 LIMIT 1`)).rows[0];
  const cols = 'id, type, state, priority, run_at, submit_seq, idempotency_key, agent_id, lease_expires_at, version, doc, job_id, serial_key, queue_seq, target_service, target_tags, target_agent, broadcast, limit_key';
  const values = (d) => `${d}->>'id', ${d}->>'type', ${d}->>'state', (${d}->>'priority')::integer, (${d}->>'runAt')::bigint, (${d}->>'submitSeq')::bigint,
    ${d}->>'idempotencyKey', ${d}->>'agentId', (${d}->>'leaseExpiresAt')::bigint, (${d}->>'version')::integer, ${d},
    ${d}->>'jobId', ${d}->>'serialKey', COALESCE((${d}->>'queueSeq')::bigint, (${d}->>'submitSeq')::bigint), ${d}->'target'->>'service',
    CASE WHEN jsonb_array_length(COALESCE(${d}->'target'->'tags', '[]'::jsonb)) > 0 THEN ${d}->'target'->'tags' END,
    ${d}->'target'->>'agentId', COALESCE(${d}->'broadcast', 'null'::jsonb) <> 'null'::jsonb, ${d}->>'limitKey'`;
  const rows = `r AS MATERIALIZED (SELECT x.doc, x.ev, nextval('${seq}'::regclass) AS seq FROM jsonb_to_recordset($1::jsonb) AS x(doc jsonb, ev jsonb))`;
  const docs = `d AS MATERIALIZED (SELECT r.doc || jsonb_build_object('submitSeq', r.seq, 'queueSeq', r.seq) AS d, r.ev, r.seq FROM r)`;
  const events = `logged AS (INSERT INTO ${s}.events (seq, stream_id, version, type, type_version, data, time) SELECT d.seq, d.ev->>'stream_id', (d.ev->>'version')::integer, d.ev->>'type', (d.ev->>'type_version')::integer, d.ev->'data', (d.ev->>'time')::bigint FROM d RETURNING 1)`;
  const tasks = `up AS (INSERT INTO ${s}.tasks (${cols}) SELECT ${values('d.d')} FROM d RETURNING 1)`;
  const baton = `WITH ${rows}, ${docs}, ${events}, ${tasks} SELECT (SELECT jsonb_object_agg(d.d->>'id', d.seq) FROM d) AS seqs, (SELECT count(*) FROM up)::int, (SELECT count(*) FROM logged)::int`;
  const stages = {
    parse: `SELECT count(*) FROM jsonb_to_recordset($1::jsonb) AS x(doc jsonb, ev jsonb)`,
    '+ seq': `WITH ${rows} SELECT count(*) FROM r`,
    '+ concat': `WITH ${rows}, ${docs} SELECT count(*) FROM d`,
    '+ ids': `WITH ${rows}, ${docs} SELECT (SELECT jsonb_object_agg(d.d->>'id', d.seq) FROM d)`,
    events: `WITH ${rows}, ${docs}, ${events} SELECT count(*) FROM logged`,
    tasks: `WITH ${rows}, ${docs}, ${tasks} SELECT count(*) FROM up`,
    baton,
    'baton-lean': baton,
  };
  const withoutNulls = (value) => Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null));
  const param = (lean) =>
    JSON.stringify(
      Array.from({ length: BATCH }, () => {
        const id = randomUUID();
        const doc = { ...sample.doc, id, submitSeq: 0, queueSeq: 0 };
        const data = sample.data;
        return { doc: lean ? withoutNulls(doc) : doc, ev: { stream_id: id, version: 1, type: 'TaskSubmitted', type_version: sample.type_version, data: lean ? withoutNulls(data) : data, time: Date.now() } };
      }),
    );
  const results = {};
  for (let run = 0; run < runs; run++) {
    for (const [name, sql] of Object.entries(stages)) {
      const params = Array.from({ length: BATCHES }, () => param(name === 'baton-lean'));
      const started = performance.now();
      for (const p of params) await client.query({ name: `breakdown ${name}`, text: sql, values: [p] });
      (results[name] ??= []).push((BATCHES * BATCH) / ((performance.now() - started) / 1000));
    }
  }
  const bytes = (lean) => Math.round(param(lean).length / BATCH);
  console.log(`Batch insert breakdown, ${new Date().toISOString()}: ${BATCHES}×${BATCH} rows per stage, median of ${runs} runs; ${bytes(false)} bytes per row (${bytes(true)} lean)\n`);
  console.log('| stage | rows/s |\n|---|---|');
  for (const [name, r] of Object.entries(results)) {
    const sorted = [...r].sort((a, b) => a - b);
    console.log(`| ${name} | ${Math.round(sorted[Math.floor(sorted.length / 2)])} [${Math.round(sorted[0])}–${Math.round(sorted[sorted.length - 1])}] |`);
  }
} finally {
  await client.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
  await client.end();
}
