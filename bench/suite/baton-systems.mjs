// Baton in the benchmark's three set-ups: embedded SQLite with in-process
// agents, PostgreSQL with in-process agents, PostgreSQL with a remote agent
// over HTTP. Each `open` starts from an empty database (a new file or schema).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createBaton, defineTask } from 'baton';
import { fork } from 'node:child_process';
import { createHttpServer } from '../../packages/baton/dist/http/http-server.js';
import { z } from 'zod';

const quiet = { warn() {}, error() {} };
const version = createRequire(import.meta.url)('../../packages/baton/package.json').version;
const noop = defineTask({ type: 'bench.noop', schema: z.object({ i: z.number(), t: z.number() }), defaults: { maxAttempts: 3 } });

/**
 * The remote agent in a child process, so it shares no event loop with the
 * server. Its handler's start reaches `onRun` over IPC, with the time it
 * started on the machine's clock: the IPC hop itself (up to 16 ms late in a
 * busy run) is the benchmark's, not Baton's, so it is not counted.
 */
function remoteAgent({ url, token, concurrency, onRun }) {
  let child = null;
  const answer = (what, deadlineMs) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`remote agent: no "${what}" within ${deadlineMs} ms`)), deadlineMs);
      const on = (message) => {
        if (message !== what) return;
        clearTimeout(timer);
        child.off('message', on);
        resolve();
      };
      child.on('message', on);
    });
  return {
    /** Starts the process and loads the agent, so that `start` measures only what an in-process agent's start does. */
    async prepare() {
      const env = { ...process.env, BENCH_URL: url, BENCH_TOKEN: token, BENCH_CONCURRENCY: String(concurrency) };
      child = fork(new URL('./remote-agent.mjs', import.meta.url), { env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      child.on('message', (message) => message?.run && onRun(message.run, message.at - performance.timeOrigin));
      await answer('loaded', 30_000);
    },
    async start() {
      if (!child) await this.prepare();
      const started = answer('started', 30_000);
      child.send('start');
      await started;
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send('stop');
      await answer('stopped', 30_000);
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      child.kill();
    },
  };
}

function batonSystem({ name, driver, remote, pgUrl }) {
  return {
    name,
    version,
    jobs: true,
    settings: `${driver}${remote ? ', remote agent over HTTP (its own process)' : ', in-process agent'}, full event log`,
    async open({ concurrency, onRun }) {
      let dir = null;
      let schema = null;
      let database;
      if (driver === 'sqlite') {
        dir = mkdtempSync(join(tmpdir(), 'baton-bench-'));
        database = `sqlite:${join(dir, 'baton.db')}`;
      } else {
        schema = `bench_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
        database = pgUrl;
      }
      const baton = await createBaton({ database, ...(schema ? { schema } : {}), definitions: [noop], logger: quiet });
      let server = null;
      let makeAgent;
      if (remote) {
        server = await createHttpServer({ engine: baton.engine });
        await server.listen({ port: 0, host: '127.0.0.1' });
        const url = `http://127.0.0.1:${server.server.address().port}`;
        const token = (await baton.engine.tokens.issue({ name: 'bench agent', scopes: ['agent'] })).token;
        makeAgent = () => remoteAgent({ url, token, concurrency, onRun });
      } else {
        makeAgent = () => {
          const agent = baton.agents.create({ concurrency });
          agent.handle(noop, async (payload) => {
            onRun(payload);
            return null;
          });
          return agent;
        };
      }
      let agent = null;
      return {
        enqueue: (payload) => baton.tasks.submit({ type: 'bench.noop', payload }),
        enqueueBatch: (payloads) => baton.tasks.submitMany({ tasks: payloads.map((payload) => ({ type: 'bench.noop', payload })) }),
        async submitJob(tasks) {
          const { job } = await baton.jobs.submit({ tasks: tasks.map((t) => ({ ...t, type: 'bench.noop' })) });
          return job.id;
        },
        async awaitJob(jobId, timeoutMs) {
          return (await baton.jobs.await({ jobId, timeoutMs })).job.state;
        },
        enqueueDelayed: (payload, delayMs) => baton.tasks.submit({ type: 'bench.noop', payload, delayMs }),
        /** Whatever must exist before the clock starts (a remote agent's process). */
        async prepareWorkers() {
          agent = makeAgent();
          await agent.prepare?.();
        },
        async startWorkers() {
          agent ??= makeAgent();
          await agent.start();
        },
        async stopWorkers() {
          await agent?.stop();
          agent = null;
        },
        /** What the log costs: bytes and events per task, from the database itself. */
        async logCost() {
          if (driver === 'sqlite') {
            const { default: Database } = await import('better-sqlite3');
            const db = new Database(database.slice('sqlite:'.length), { readonly: true });
            const row = db.prepare("SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM tasks) AS tasks, (SELECT sum(length(data)) + count(*) * 40 FROM events) AS bytes").get();
            db.close();
            return { eventsPerTask: row.events / row.tasks, bytesPerTask: row.bytes / row.tasks, note: 'event data + 40 B per row of fixed columns' };
          }
          const { default: pg } = await import('pg');
          const pool = new pg.Pool({ connectionString: pgUrl, max: 1 });
          const { rows } = await pool.query(
            // A batch row holds one event per task of its batch (ADR 0034): events are counted as the log reads them, rows apart.
            `SELECT (SELECT count(*) + COALESCE(sum(jsonb_array_length(batch_payloads) - 1), 0) FROM "${schema}".events)::float8 AS events,
                    (SELECT count(*) FROM "${schema}".events)::float8 AS rows, (SELECT count(*) FROM "${schema}".tasks)::float8 AS tasks,
                    pg_total_relation_size('"${schema}".events')::float8 AS bytes`,
          );
          await pool.end();
          const { events, rows: stored, tasks, bytes } = rows[0];
          return { eventsPerTask: events / tasks, bytesPerTask: bytes / tasks, note: `events table with its indexes and TOAST; ${(stored / tasks).toFixed(2)} rows per task` };
        },
        async close() {
          await agent?.stop();
          // The engine first: closing it ends the server's open long-polls, which server.close() would wait out.
          await baton.close({ graceMs: 100 });
          await server?.close();
          if (dir) rmSync(dir, { recursive: true, force: true });
          if (schema) {
            const { default: pg } = await import('pg');
            const pool = new pg.Pool({ connectionString: pgUrl, max: 1 });
            await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
            await pool.end();
          }
        },
      };
    },
  };
}

export { batonSystem };
