// The workloads, each against a fresh instance of one system. Every figure is
// measured from this process: the enqueue call and the handler both run here.
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];

/** Resolves when `count` handler runs have been seen, or rejects at the deadline (every wait has one). */
function counter() {
  let seen = 0;
  let want = Infinity;
  let done = null;
  return {
    hit() {
      seen += 1;
      if (seen >= want && done) done();
    },
    get seen() {
      return seen;
    },
    until(count, deadlineMs) {
      want = count;
      if (seen >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${seen} of ${count} ran within ${deadlineMs} ms`)), deadlineMs);
        done = () => (clearTimeout(timer), resolve());
      });
    },
  };
}

/**
 * One task run through the system before a timed series, not counted: the
 * first task a fresh worker runs pays for code compiled on first use (the
 * payload schema, the claim's answer, the first request on a connection).
 * With the remote agent that first start was 12 ms late where the rest were
 * 4 (bench/RESULTS.md, history 50): one start out of the series, not a
 * percentile. Its payload has i = -1; the workloads' onRun sends those here.
 */
function warmUp() {
  const warm = counter();
  return {
    /** onRun for the series: the warm-up's run goes to the warm-up, every other to `record`. */
    route: (record) => (p, at = performance.now()) => (p.i < 0 ? warm.hit() : record(p, at)),
    async run(q, { delayMs = 0 } = {}) {
      const payload = { i: -1, t: 0 };
      await (delayMs > 0 ? q.enqueueDelayed(payload, delayMs) : q.enqueue(payload));
      await warm.until(1, 30_000);
    },
  };
}

async function withInstance(system, concurrency, onRun, fn, best = false) {
  const instance = await system.open({ concurrency, onRun, best });
  try {
    return await fn(instance);
  } finally {
    await instance.close();
  }
}

/** Fills the queue with N tasks, then times the workers draining it. */
async function drainQueued(system, { n, concurrency, best }) {
  const ran = counter();
  return withInstance(
    system,
    concurrency,
    () => ran.hit(),
    async (q) => {
      for (let i = 0; i < n; i += 500) await q.enqueueBatch(Array.from({ length: Math.min(500, n - i) }, (_, j) => ({ i: i + j, t: 0 })));
      await q.prepareWorkers?.();
      const t = performance.now();
      await q.startWorkers();
      await ran.until(n, 300_000);
      return { 'tasks/s': n / ((performance.now() - t) / 1000) };
    },
    best,
  );
}

const WORKLOADS = {
  /** Enqueue one call at a time. */
  async 'enqueue-single'(system, { n }) {
    return withInstance(system, 1, () => undefined, async (q) => {
      const t = performance.now();
      for (let i = 0; i < n; i++) await q.enqueue({ i, t: 0 });
      return { 'tasks/s': n / ((performance.now() - t) / 1000) };
    });
  },
  /** Enqueue through the system's batch API, 500 per call. */
  async 'enqueue-batch'(system, { n }) {
    return withInstance(system, 1, () => undefined, async (q) => {
      const t = performance.now();
      for (let i = 0; i < n; i += 500) await q.enqueueBatch(Array.from({ length: Math.min(500, n - i) }, (_, j) => ({ i: i + j, t: 0 })));
      return { 'tasks/s': n / ((performance.now() - t) / 1000) };
    });
  },
  /** Drain N already-queued tasks at one concurrency, no-op handler. */
  drain: (system, { n, concurrency }) => drainQueued(system, { n, concurrency, best: false }),
  /** Drain N already-queued tasks at each system's best settings: concurrency 50, and pg-boss fetching in batches. */
  'drain-best': (system, { n }) => drainQueued(system, { n, concurrency: 50, best: true }),
  /** From the enqueue call to the handler starting, one task at a time on an idle worker. */
  async latency(system, { samples }) {
    const starts = [];
    let wake = null;
    const warm = warmUp();
    return withInstance(system, 1, warm.route((p, at) => (starts.push(at - p.t), wake?.())), async (q) => {
      await q.startWorkers();
      await warm.run(q);
      await sleep(300);
      for (let i = 0; i < samples; i++) {
        const arrived = new Promise((r) => (wake = r));
        await q.enqueue({ i, t: performance.now() });
        await Promise.race([arrived, sleep(10_000)]);
        await sleep(5);
      }
      if (starts.length < samples) throw new Error(`only ${starts.length} of ${samples} started`);
      return { 'p50 ms': pct(starts, 0.5), 'p95 ms': pct(starts, 0.95), 'p99 ms': pct(starts, 0.99), 'max ms': Math.max(...starts) };
    });
  },
  /**
   * Delayed tasks: how late each starts against its due time; an early start is a failure. All are submitted at once,
   * due 25 ms apart from `firstMs` on; the first must come due after the last submit returned, or the figure would
   * count the submits' own queueing. Enough samples that p99 is not simply the maximum (with 100 it was).
   */
  async delayed(system, { samples, firstMs }) {
    const lateness = [];
    const ran = counter();
    const warm = warmUp();
    return withInstance(system, 10, warm.route((p, at) => (lateness.push(at - p.t), ran.hit())), async (q) => {
      await q.startWorkers();
      await warm.run(q, { delayMs: 50 });
      await sleep(300);
      const submitStart = performance.now();
      await Promise.all(
        Array.from({ length: samples }, async (_, i) => {
          const delayMs = firstMs + i * 25;
          await q.enqueueDelayed({ i, t: performance.now() + delayMs }, delayMs);
        }),
      );
      const submitMs = performance.now() - submitStart;
      if (submitMs > firstMs) throw new Error(`the ${samples} submits took ${Math.round(submitMs)} ms, past the first due time (${firstMs} ms): raise firstMs`);
      await ran.until(samples, 60_000 + samples * 25);
      const early = lateness.filter((l) => l < -1).length;
      return { 'p50 ms': pct(lateness, 0.5), 'p99 ms': pct(lateness, 0.99), 'max ms': Math.max(...lateness), early };
    });
  },
  /** A steady producer at a fixed rate with a consumer running: throughput and enqueue→start p99. */
  async steady(system, { rate, seconds }) {
    const lat = [];
    const ran = counter();
    const warm = warmUp();
    return withInstance(system, 10, warm.route((p, at) => (lat.push(at - p.t), ran.hit())), async (q) => {
      await q.startWorkers();
      await warm.run(q);
      await sleep(300);
      const total = rate * seconds;
      const t0 = performance.now();
      const sends = [];
      for (let i = 0; i < total; i++) {
        const due = t0 + (i * 1000) / rate;
        const wait = due - performance.now();
        if (wait > 1) await sleep(wait);
        sends.push(q.enqueue({ i, t: performance.now() }));
      }
      await Promise.all(sends);
      await ran.until(total, 60_000);
      return { 'tasks/s': total / ((performance.now() - t0) / 1000), 'p99 ms': pct(lat, 0.99) };
    });
  },
  /**
   * Scale: how the cost of taking work grows with the queue's depth. For each
   * depth a fresh instance is filled through the batch API, then 10 workers
   * run the first `probe` tasks: the time per task there is the claim's cost
   * at that depth (and the report's, which does not depend on it). RSS is
   * this process's: the Baton engine for Baton (its server, for the remote
   * agent set-up), the peer's client and worker for the peers.
   */
  async scale(system, { small, large, probe }) {
    const figures = {};
    for (const [label, depth] of [['small', small], ['large', large]]) {
      const ran = counter();
      await withInstance(system, 10, () => ran.hit(), async (q) => {
        for (let i = 0; i < depth; i += 1_000) await q.enqueueBatch(Array.from({ length: Math.min(1_000, depth - i) }, (_, j) => ({ i: i + j, t: 0 })));
        await q.prepareWorkers?.();
        const t = performance.now();
        await q.startWorkers();
        await ran.until(probe, 600_000);
        figures[`ms per task at ${label}`] = (performance.now() - t) / probe;
        figures[`rss MB at ${label}`] = process.memoryUsage().rss / 2 ** 20;
      });
    }
    figures['large / small'] = figures['ms per task at large'] / figures['ms per task at small'];
    return figures;
  },
};

/**
 * A job of 1,000 tasks in 10 layers of 100; each task after the first layer
 * depends on two of the layer before. From the submit call to the job's end.
 * Baton only: the peers have no jobs.
 */
WORKLOADS.dag = Object.assign(
  async (system, { layers, width }) => {
    const ran = counter();
    return withInstance(system, 10, () => ran.hit(), async (q) => {
      await q.prepareWorkers?.();
      await q.startWorkers();
      const key = (layer, i) => `l${layer}-${i}`;
      const tasks = [];
      for (let layer = 0; layer < layers; layer++) {
        for (let i = 0; i < width; i++) {
          tasks.push({ key: key(layer, i), payload: { i: layer * width + i, t: 0 }, ...(layer === 0 ? {} : { dependsOn: [key(layer - 1, i), key(layer - 1, (i + 1) % width)] }) });
        }
      }
      const t = performance.now();
      const jobId = await q.submitJob(tasks);
      const state = await q.awaitJob(jobId, 300_000);
      const seconds = (performance.now() - t) / 1000;
      if (state !== 'succeeded') throw new Error(`the job ended ${state}`);
      if (ran.seen !== tasks.length) throw new Error(`${ran.seen} of ${tasks.length} tasks ran`);
      return { 'job s': seconds, 'tasks/s': tasks.length / seconds };
    });
  },
  { appliesTo: (system) => Boolean(system.jobs) },
);

export { WORKLOADS, withInstance, counter, pct, sleep };
