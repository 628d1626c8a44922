// The least lateness a delayed task handed to a remote agent can have on this
// machine, against Baton's own in the same run. The floor does only what such
// a hand-off cannot skip, with no queue around it:
//   timer    Node's setTimeout to the due time, then waiting out the rest of
//            the millisecond on the event loop, so it starts on the due time;
//   commit   one committed single-row UPDATE on PostgreSQL (the claim must be
//            durable before the agent hears of it);
//   hop      the answer to a long-poll the agent process holds open over HTTP
//            (node:http, kept alive), read in that process.
// `floor-hop` is the timer and the hop without the commit. Both run the suite's
// `delayed` schedule: 300 due times 25 ms apart, lateness taken where the
// handler would start (the agent's process, on the machine's clock).
// Run: node bench/delayed-floor.mjs [runs] (PostgreSQL at BATON_TEST_DATABASE_URL; FLOOR_SAMPLES=n for fewer).
import http from 'node:http';
import { fork } from 'node:child_process';
import pg from 'pg';
import { batonSystem } from './suite/baton-systems.mjs';
import { WORKLOADS, pct, sleep } from './suite/workloads.mjs';

const url = process.env.BATON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const SAMPLES = Number(process.env.FLOOR_SAMPLES ?? 300);
const FIRST_MS = 1_500;
const GAP_MS = 25;
const wall = () => performance.timeOrigin + performance.now();
/** Waits for `check` to hold, polling every `stepMs`; fails at the deadline (every wait has one). */
async function until(check, deadlineMs, what, stepMs = 5) {
  const end = performance.now() + deadlineMs;
  while (!check()) {
    if (performance.now() > end) throw new Error(`delayed-floor: ${what} within ${deadlineMs} ms`);
    await sleep(stepMs);
  }
}

if (process.argv[2] === 'agent') {
  // The agent's side: a long-poll always open, the answer's arrival timed here, then the next long-poll at once.
  const agent = new http.Agent({ keepAlive: true });
  const poll = () =>
    http
      .request(process.env.FLOOR_URL, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': '2' } }, (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const at = wall();
          const answer = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          if (answer.stop) return process.send({ stopped: true }, () => process.exit(0));
          poll();
          process.send({ i: answer.i, late: at - answer.due });
        });
      })
      .end('{}');
  poll();
} else {
  const runs = Number(process.argv[2] ?? 3);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('CREATE TABLE IF NOT EXISTS public.baton_delayed_floor (id int PRIMARY KEY, v bigint NOT NULL)');
  await client.query('INSERT INTO public.baton_delayed_floor VALUES (1, 0) ON CONFLICT DO NOTHING');

  async function floor({ commit }) {
    let waiting = null;
    const server = http.createServer((req, res) => {
      req.resume();
      req.on('end', () => (waiting = res));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const child = fork(new URL(import.meta.url), ['agent'], { env: { ...process.env, FLOOR_URL: `http://127.0.0.1:${server.address().port}/claim` } });
    const lateness = [];
    child.on('message', (m) => m.late !== undefined && lateness.push(m.late));
    await until(() => waiting, 10_000, 'no long-poll from the agent process');
    const answer = (body) => {
      const res = waiting;
      waiting = null;
      const text = JSON.stringify(body);
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
      res.end(text);
    };
    const start = Date.now() + FIRST_MS;
    for (let i = 0; i < SAMPLES; i++) {
      const due = start + i * GAP_MS;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now() - 1)));
      while (Date.now() < due) await new Promise((resolve) => setImmediate(resolve));
      if (commit) await client.query({ name: 'floor_claim', text: 'UPDATE public.baton_delayed_floor SET v = $1 WHERE id = 1', values: [i] });
      await until(() => waiting, 1_000, 'the agent did not poll again', 1);
      answer({ i, due });
    }
    await until(() => lateness.length >= SAMPLES, 10_000, "not every answer timed");
    await until(() => waiting, 1_000, 'the agent did not poll again', 1);
    const stopped = new Promise((resolve) => child.once('message', resolve));
    answer({ stop: true });
    await stopped;
    server.close();
    return lateness;
  }

  const baton = batonSystem({ name: 'baton-pg-http', driver: 'pg', remote: true, pgUrl: url });
  const results = { 'floor-hop': [], 'floor-commit': [], 'baton-pg-http': [] };
  for (let run = 1; run <= runs; run++) {
    for (const name of Object.keys(results)) {
      let figures;
      if (name === 'baton-pg-http') {
        figures = await WORKLOADS.delayed(baton, { samples: SAMPLES, firstMs: FIRST_MS });
      } else {
        const lateness = await floor({ commit: name === 'floor-commit' });
        figures = { 'p50 ms': pct(lateness, 0.5), 'p99 ms': pct(lateness, 0.99), 'max ms': Math.max(...lateness), early: lateness.filter((l) => l < -1).length };
      }
      results[name].push(figures);
      process.stderr.write(`run ${run}/${runs} ${name.padEnd(14)} ${Object.entries(figures).map(([k, v]) => `${k} ${v.toFixed(k === 'early' ? 0 : 2)}`).join(', ')}\n`);
    }
  }
  await client.query('DROP TABLE public.baton_delayed_floor');
  await client.end();
  const median = (xs) => pct(xs, 0.5);
  const cell = (xs) => `${median(xs).toFixed(2)} [${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}]`;
  const lines = ['| set-up | p50 ms | p99 ms | max ms |', '|---|---|---|---|'];
  for (const [name, figures] of Object.entries(results)) {
    lines.push(`| ${name} | ${cell(figures.map((f) => f['p50 ms']))} | ${cell(figures.map((f) => f['p99 ms']))} | ${cell(figures.map((f) => f['max ms']))} |`);
  }
  process.stdout.write(`${SAMPLES} due times ${GAP_MS} ms apart, ${runs} runs, median [min–max]:\n\n${lines.join('\n')}\n`);
}
