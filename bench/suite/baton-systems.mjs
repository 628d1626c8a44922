// Baton in the benchmark's three set-ups: embedded SQLite with in-process
// agents, PostgreSQL with in-process agents, PostgreSQL with a remote agent
// over HTTP. Each `open` starts from an empty database (a new file or schema).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { createBaton, defineTask } from 'baton';
import { createAgent, createHttpAgentTransport } from '@baton/client';
import { createHttpServer } from '../../packages/baton/dist/http/http-server.js';
import { z } from 'zod';

const quiet = { warn() {}, error() {} };
const version = createRequire(import.meta.url)('../../packages/baton/package.json').version;
const noop = defineTask({ type: 'bench.noop', schema: z.object({ i: z.number(), t: z.number() }), defaults: { maxAttempts: 3 } });

function batonSystem({ name, driver, remote, pgUrl }) {
  return {
    name,
    version,
    settings: `${driver}${remote ? ', remote agent over HTTP' : ', in-process agent'}, full event log`,
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
        makeAgent = () => createAgent({ transport: createHttpAgentTransport({ url, token }), concurrency });
      } else {
        makeAgent = () => baton.agents.create({ concurrency });
      }
      let agent = null;
      return {
        enqueue: (payload) => baton.tasks.submit({ type: 'bench.noop', payload }),
        enqueueBatch: (payloads) => baton.tasks.submitMany({ tasks: payloads.map((payload) => ({ type: 'bench.noop', payload })) }),
        enqueueDelayed: (payload, delayMs) => baton.tasks.submit({ type: 'bench.noop', payload, delayMs }),
        async startWorkers() {
          agent = makeAgent();
          agent.handle(noop, async (payload) => {
            onRun(payload);
            return null;
          });
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
            `SELECT (SELECT count(*) FROM "${schema}".events)::float8 AS events, (SELECT count(*) FROM "${schema}".tasks)::float8 AS tasks,
                    pg_total_relation_size('"${schema}".events')::float8 AS bytes`,
          );
          await pool.end();
          return { eventsPerTask: rows[0].events / rows[0].tasks, bytesPerTask: rows[0].bytes / rows[0].tasks, note: 'events table with its indexes' };
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
