// The peers in the benchmark's shape: graphile-worker and pg-boss on
// PostgreSQL, BullMQ on Redis. Each `open` starts from an empty namespace (a
// new schema or queue name) and is configured as its documentation suggests
// for low latency; the settings are recorded with the results.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { run, makeWorkerUtils } from 'graphile-worker';
import { PgBoss } from 'pg-boss';
import { Queue, Worker } from 'bullmq';
import pg from 'pg';
import IORedis from 'ioredis';

const require = createRequire(import.meta.url);
/** Read from the installed package itself: some do not export their package.json. */
const versionOf = (name) => JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
const unique = (prefix) => `${prefix}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;

async function dropSchema(url, schema) {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await pool.end();
}

function graphileSystem({ pgUrl }) {
  return {
    name: 'graphile-worker',
    version: versionOf('graphile-worker'),
    settings: 'PostgreSQL, LISTEN/NOTIFY, pollInterval 2000 ms (default), addJobs for batches',
    async open({ concurrency, onRun }) {
      const schema = unique('gw');
      const utils = await makeWorkerUtils({ connectionString: pgUrl, schema });
      await utils.migrate();
      let runner = null;
      return {
        enqueue: (payload) => utils.addJob('noop', payload),
        enqueueBatch: (payloads) => utils.addJobs(payloads.map((payload) => ({ identifier: 'noop', payload }))),
        enqueueDelayed: (payload, delayMs) => utils.addJob('noop', payload, { runAt: new Date(Date.now() + delayMs) }),
        async startWorkers() {
          runner = await run({ connectionString: pgUrl, schema, concurrency, noHandleSignals: true, logger: silentGraphileLogger(), taskList: { noop: async (payload) => onRun(payload) } });
        },
        async stopWorkers() {
          await runner?.stop();
          runner = null;
        },
        async close() {
          await runner?.stop();
          await utils.release();
          await dropSchema(pgUrl, schema);
        },
      };
    },
  };
}

/** graphile-worker logs every job at info; the benchmark wants none of it. */
function silentGraphileLogger() {
  const { Logger } = require('graphile-worker');
  return new Logger(() => () => undefined);
}

function pgBossSystem({ pgUrl }) {
  return {
    name: 'pg-boss',
    version: versionOf('pg-boss'),
    settings: 'PostgreSQL, queue with notify, polling 0.5 s; batchSize 1 × localConcurrency (drain-best: one poller, batchSize = concurrency, burstWhenBatchFull); insert() for batches',
    async open({ concurrency, onRun, best = false }) {
      const schema = unique('pgb');
      const boss = new PgBoss({ connectionString: pgUrl, schema, max: Math.max(4, concurrency) });
      boss.on('error', () => undefined);
      await boss.start();
      const queue = 'noop';
      await boss.createQueue(queue, { notify: true });
      let worker = null;
      return {
        enqueue: (payload) => boss.send(queue, payload),
        enqueueBatch: (payloads) => boss.insert(queue, payloads.map((data) => ({ data }))),
        enqueueDelayed: (payload, delayMs) => boss.send(queue, payload, { startAfter: new Date(Date.now() + delayMs) }),
        async startWorkers() {
          worker = best
            ? // Its fastest shape: one poller fetching up to `concurrency` jobs and running them at once; a full fetch fetches again at once.
              await boss.work(
                queue,
                { batchSize: concurrency, localConcurrency: 1, burstWhenBatchFull: true, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5 },
                async (jobs) => Promise.all(jobs.map((job) => onRun(job.data))),
              )
            : // `concurrency` workers taking one job each, like the others.
              await boss.work(queue, { batchSize: 1, localConcurrency: concurrency, pollingIntervalSeconds: 0.5, notifyPollingIntervalSeconds: 0.5 }, async ([job]) => onRun(job.data));
        },
        async stopWorkers() {
          if (worker) await boss.offWork(queue, { wait: true });
          worker = null;
        },
        async close() {
          await boss.stop({ graceful: false, close: true });
          await dropSchema(pgUrl, schema);
        },
      };
    },
  };
}

function bullmqSystem({ redis }) {
  return {
    name: 'bullmq',
    version: versionOf('bullmq'),
    settings: 'Redis (no persistence on this machine), addBulk for batches, removeOnComplete',
    async open({ concurrency, onRun }) {
      const name = unique('bq');
      // Under native ESM BullMQ wants a constructed client; workers need maxRetriesPerRequest null.
      const connection = new IORedis({ ...redis, maxRetriesPerRequest: null });
      const queue = new Queue(name, { connection });
      let worker = null;
      const opts = { removeOnComplete: true };
      return {
        enqueue: (payload) => queue.add('noop', payload, opts),
        enqueueBatch: (payloads) => queue.addBulk(payloads.map((data) => ({ name: 'noop', data, opts }))),
        enqueueDelayed: (payload, delayMs) => queue.add('noop', payload, { ...opts, delay: delayMs }),
        async startWorkers() {
          worker = new Worker(name, async (job) => onRun(job.data), { connection, concurrency });
          await worker.waitUntilReady();
        },
        async stopWorkers() {
          await worker?.close();
          worker = null;
        },
        async close() {
          await worker?.close();
          await queue.obliterate({ force: true });
          await queue.close();
          connection.disconnect();
        },
      };
    },
  };
}

export { graphileSystem, pgBossSystem, bullmqSystem };
