// What this PostgreSQL, on this machine, can do at best for the two targets
// Baton misses: enqueue→start latency and batch enqueue. Plain SQL, no queue
// library, in three shapes, each as lean as its shape allows:
//   one-table    a narrow jobs table (id, type, payload, state, run_at) and its
//                claim index: the shape of graphile-worker's jobs;
//   event-log    the same, plus an events row per change, as a system that keeps
//                every change in an append-only log must write;
//   baton-shape  Baton's tables as its migrations make them (the narrow task
//                row, every index, UUID text ids), filled by plain SQL with
//                what Baton stores for a plain task: a lean insert;
//   batch-event  the same tables, but one events row for a whole batch (its
//                tasks' ids and payloads in one array) instead of one per
//                task: the ceiling of that change to the log (RESULTS.md,
//                history 45 and 51), which Baton makes since ADR 0034.
// Latency: enqueue with a NOTIFY, a second connection LISTENs and claims with
// UPDATE … SKIP LOCKED, timed from the enqueue call to the claim's answer.
// Batch: 500 rows per statement, prepared, after two untimed batches. Median of
// the runs, with [min–max].
// Run: node bench/postgres-floor.mjs [runs] (PostgreSQL at BATON_TEST_DATABASE_URL).
import pg from 'pg';
import { createBaton, defineTask } from 'baton';
import { z } from 'zod';

const url = process.env.BATON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const runs = Number(process.argv[2] ?? 5);
const SAMPLES = 200;
const BATCHES = 10;
const WARMUP_BATCHES = 2;
const BATCH = 500;
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const median = (xs) => pct(xs, 0.5);

const payloadValues = {
  enqueueValues: (i) => [JSON.stringify({ i, t: 0 })],
  batchValues: () => [JSON.stringify(Array.from({ length: BATCH }, (_, i) => ({ i, t: 0 })))],
};

/** Each shape: its tables, one enqueue (with NOTIFY), a batch enqueue of $1 (a JSON array of payloads), and the claim. */
function shapes(schema) {
  const s = `"${schema}"`;
  const eventsTable = `CREATE TABLE ${s}.events (seq bigserial PRIMARY KEY, stream_id text NOT NULL, version integer NOT NULL, type text NOT NULL,
      data jsonb NOT NULL, time bigint NOT NULL, xid xid8 NOT NULL DEFAULT pg_current_xact_id(), UNIQUE (stream_id, version));
    CREATE INDEX ON ${s}.events (xid, seq);`;
  const jobsTable = `CREATE TABLE ${s}.jobs (id bigserial PRIMARY KEY, type text NOT NULL, payload jsonb NOT NULL, state text NOT NULL DEFAULT 'queued',
      run_at bigint NOT NULL DEFAULT 0, locked_by text);
    CREATE INDEX ON ${s}.jobs (type, run_at, id) WHERE state = 'queued';`;
  const claimJob = `UPDATE ${s}.jobs SET state = 'running', locked_by = 'w' WHERE id = (SELECT id FROM ${s}.jobs WHERE state = 'queued' AND type = 'noop'
      ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id, payload`;
  return {
    'one-table': {
      ...payloadValues,
      setup: jobsTable,
      enqueue: `WITH j AS (INSERT INTO ${s}.jobs (type, payload) VALUES ('noop', $1) RETURNING id) SELECT pg_notify('${schema}', '') FROM j`,
      batch: `INSERT INTO ${s}.jobs (type, payload) SELECT 'noop', p FROM jsonb_array_elements($1::jsonb) p`,
      claim: claimJob,
    },
    'event-log': {
      ...payloadValues,
      setup: jobsTable + eventsTable,
      enqueue: `WITH j AS (INSERT INTO ${s}.jobs (type, payload) VALUES ('noop', $1) RETURNING id, payload),
        e AS (INSERT INTO ${s}.events (stream_id, version, type, data, time) SELECT id::text, 1, 'Submitted', payload, 0 FROM j)
        SELECT pg_notify('${schema}', '') FROM j`,
      batch: `WITH j AS (INSERT INTO ${s}.jobs (type, payload) SELECT 'noop', p FROM jsonb_array_elements($1::jsonb) p RETURNING id, payload)
        INSERT INTO ${s}.events (stream_id, version, type, data, time) SELECT id::text, 1, 'Submitted', payload, 0 FROM j`,
      claim: `WITH c AS (${claimJob}) INSERT INTO ${s}.events (stream_id, version, type, data, time) SELECT id::text, 2, 'Claimed', '{}', 0 FROM c RETURNING seq`,
    },
  };
}

async function timeShape(shape, client, listener, schema) {
  const latencies = [];
  let waiting = null;
  listener.on('notification', async (n) => {
    if (n.channel !== schema || !waiting) return;
    const { rows } = await listener.query(shape.claim);
    if (rows.length) waiting();
  });
  await listener.query(`LISTEN "${schema}"`);
  for (let i = 0; i < SAMPLES + 20; i++) {
    const claimed = new Promise((resolve) => (waiting = resolve));
    const t = performance.now();
    await client.query(shape.enqueue, shape.enqueueValues(i));
    await claimed;
    if (i >= 20) latencies.push(performance.now() - t);
  }
  waiting = null;
  await listener.query(`UNLISTEN "${schema}"`);
  listener.removeAllListeners('notification');
  // Prepared and warmed, as Baton's own statement runs: two batches first, untimed.
  const batch = (values) => client.query({ name: `${schema}-batch`, text: shape.batch, values });
  for (let b = 0; b < WARMUP_BATCHES; b++) await batch(shape.batchValues());
  const t = performance.now();
  for (let b = 0; b < BATCHES; b++) await batch(shape.batchValues());
  return { p50: median(latencies), p99: pct(latencies, 0.99), batchPerSec: (BATCHES * BATCH) / ((performance.now() - t) / 1000) };
}

/** Baton itself, through its API, for the same two measures in the same run. */
async function timeBaton(schema) {
  const noop = defineTask({ type: 'noop', schema: z.object({ i: z.number(), t: z.number() }) });
  const baton = await createBaton({ database: url, schema, definitions: [noop], logger: { warn() {}, error() {} } });
  const agent = baton.agents.create({ id: 'floor', concurrency: 1 });
  let started = null;
  agent.handle(noop, async () => started?.());
  await agent.start();
  const latencies = [];
  for (let i = 0; i < SAMPLES + 20; i++) {
    const ran = new Promise((resolve) => (started = resolve));
    const t = performance.now();
    await baton.tasks.submit({ type: 'noop', payload: { i, t: 0 } });
    await ran;
    if (i >= 20) latencies.push(performance.now() - t);
  }
  await agent.stop();
  const submitBatch = () => baton.tasks.submitMany({ tasks: Array.from({ length: BATCH }, (_, i) => ({ type: 'noop', payload: { i, t: 0 } })) });
  for (let b = 0; b < WARMUP_BATCHES; b++) await submitBatch();
  const t = performance.now();
  for (let b = 0; b < BATCHES; b++) await baton.tasks.submitMany({ tasks: Array.from({ length: BATCH }, (_, i) => ({ type: 'noop', payload: { i, t: 0 } })) });
  const batchPerSec = (BATCHES * BATCH) / ((performance.now() - t) / 1000);
  await baton.close();
  return { p50: median(latencies), p99: pct(latencies, 0.99), batchPerSec };
}

/** Baton's own tables, written by plain SQL: what its storage shape costs before any of its code runs. */
async function timeBatonShape(client, listener, schema, { batchEvent = false } = {}) {
  const opened = await createBaton({ database: url, schema, definitions: [], logger: { warn() {}, error() {} } });
  await opened.close();
  const s = `"${schema}"`;
  // What Baton stores for a plain task now: the narrow row (ADR 0027) and the TaskSubmitted event without its defaults (ADR 0029).
  const stored = { backoff: { maxMs: 3_600_000, baseMs: 1_000, factor: 2, jitter: 0.2 }, maxAttempts: 3 };
  const doc = (i) => ({ id: `0190f3a2-0000-7000-8000-${String(i).padStart(12, '0')}`, ev: { ready: true, runAt: 0, payload: { i, t: 0 }, taskType: 'noop' } });
  let next = 0;
  // One event for the batch: each task's place in the queue is the batch's seq and its place in the batch.
  const perBatch = `WITH b AS (SELECT nextval('${s}."events_seq_seq"'::regclass) AS seq),
      r AS (SELECT x.d, b.seq * 1000 + x.ord AS seq FROM b, jsonb_array_elements($1::jsonb) WITH ORDINALITY AS x(d, ord)),
      e AS (INSERT INTO ${s}.events (seq, stream_id, version, type, type_version, data, time) SELECT b.seq, 'batch-' || b.seq, 1, 'TasksSubmitted', 1, $1::jsonb, 0 FROM b),`;
  const perTask = `WITH r AS (SELECT x.d, nextval('${s}."events_seq_seq"'::regclass) AS seq FROM jsonb_array_elements($1::jsonb) AS x(d)),
      e AS (INSERT INTO ${s}.events (seq, stream_id, version, type, type_version, data, time) SELECT seq, d->>'id', 1, 'TaskSubmitted', 4, d->'ev', 0 FROM r),`;
  const insert = (n) => `${batchEvent ? perBatch : perTask}
      t AS (INSERT INTO ${s}.tasks (id, type, state, priority, run_at, submit_seq, queue_seq, version, payload, submitted_at, updated_at, doc)
        SELECT d->>'id', 'noop', 'queued', 0, 0, seq, seq, 1, d->'ev'->'payload', 0, 0, '${JSON.stringify(stored)}'::jsonb FROM r RETURNING 1)
      SELECT count(*)${n === 1 ? `, pg_notify('${schema}', '')` : ''} FROM t`;
  const shape = {
    enqueue: insert(1),
    enqueueValues: () => [JSON.stringify([doc(next++)])],
    batch: insert(BATCH),
    batchValues: () => [JSON.stringify(Array.from({ length: BATCH }, () => doc(next++)))],
    claim: `WITH c AS (UPDATE ${s}.tasks SET state = 'running', version = version + 1, doc = doc || '{"state":"running"}' WHERE id = (SELECT id FROM ${s}.tasks
        WHERE state = 'queued' AND type = 'noop' ORDER BY priority DESC, run_at, queue_seq LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id, version)
      INSERT INTO ${s}.events (stream_id, version, type, type_version, data, time) SELECT id, version, 'TaskClaimed', 1, '{}', 0 FROM c RETURNING seq`,
  };
  return timeShape(shape, client, listener, schema);
}

const results = {};
const add = (name, r) => {
  results[name] ??= { p50: [], p99: [], batchPerSec: [] };
  for (const k of Object.keys(r)) results[name][k].push(r[k]);
};
for (let run = 1; run <= runs; run++) {
  const client = new pg.Client(url);
  const listener = new pg.Client(url);
  await client.connect();
  await listener.connect();
  for (const name of ['one-table', 'event-log', 'baton-shape', 'batch-event', 'baton']) {
    const schema = `floor_${name.replace('-', '_')}_${process.pid}_${run}`;
    try {
      if (name === 'baton') add(name, await timeBaton(schema));
      else if (name === 'baton-shape' || name === 'batch-event') add(name, await timeBatonShape(client, listener, schema, { batchEvent: name === 'batch-event' }));
      else {
        const shape = shapes(schema)[name];
        await client.query(`CREATE SCHEMA "${schema}"; ${shape.setup}`);
        add(name, await timeShape(shape, client, listener, schema));
      }
    } finally {
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    }
  }
  await client.end();
  await listener.end();
  process.stderr.write(`run ${run} of ${runs} done\n`);
}
const f = (xs, digits) => `${median(xs).toFixed(digits)} [${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}]`;
console.log(`PostgreSQL floor, ${new Date().toISOString()}: median of ${runs} runs, ${SAMPLES} latency samples and ${BATCHES}×${BATCH} batch rows each\n`);
console.log('| shape | enqueue→claim p50 ms | p99 ms | batch enqueue rows/s |\n|---|---|---|---|');
for (const [name, r] of Object.entries(results)) console.log(`| ${name} | ${f(r.p50, 2)} | ${f(r.p99, 2)} | ${f(r.batchPerSec, 0)} |`);
