/**
 * Coalesces a handler's progress reports: at most one write per interval, the
 * latest value winning, so a handler may report in a tight loop without
 * flooding the log. `drain` sends what is pending at once (the handler has
 * returned; its last progress goes before its outcome), then accepts no more.
 */
function createProgressReporter(params: { send: (value: unknown) => Promise<void>; intervalMs: number }) {
  let lastSentAt = Number.NEGATIVE_INFINITY;
  let pending: { value: unknown } | null = null;
  let waiters: (() => void)[] = [];
  let timer: NodeJS.Timeout | null = null;
  let closed = false;

  const release = () => {
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  };

  async function flush(): Promise<void> {
    timer = null;
    const next = pending;
    pending = null;
    if (next && !closed) {
      lastSentAt = performance.now();
      await params.send(next.value).catch(() => undefined);
    }
    release();
  }

  return {
    report(value: unknown): Promise<void> {
      if (closed) return Promise.resolve();
      pending = { value };
      const settled = new Promise<void>((resolve) => waiters.push(resolve));
      if (!timer) timer = setTimeout(() => void flush(), Math.max(0, lastSentAt + params.intervalMs - performance.now()));
      return settled;
    },
    async drain(): Promise<void> {
      if (timer) clearTimeout(timer);
      if (pending) await flush();
      closed = true;
      release();
    },
  };
}

export { createProgressReporter };
