import { SpanKind, SpanStatusCode, context, trace } from '@opentelemetry/api';
import { readPayload, type AnyDefinition, type ClaimedTask, type TaskDefinition } from '@baton/core';
import { contextFromTrace } from '../tracing/trace-context.js';
import type { AgentTransport } from './agent-transport.js';
import { startHeartbeat } from './heartbeat.js';
import { createProgressReporter } from './progress-reporter.js';
import type { TaskContext, TaskHandler } from './task-context.js';
import { TaskTimeoutError, isRetryable, isTransient, retryAfterOf, toErrorInfo } from './task-errors.js';

interface AgentOptions {
  transport: AgentTransport;
  id?: string;
  /**
   * How many handlers run at once; the agent never claims more than its free
   * slots. A slot frees when its handler ends, while the report is still on
   * its way, so the next claim overlaps the last reports; at most three times
   * this many reports may be in flight besides.
   */
  concurrency?: number;
  /** What this agent is, for routing and for people: its service and tags. */
  labels?: { service?: string; tags?: string[] };
  /** The host name shown in the agent list; the machine's by default. */
  host?: string;
  /** How long one claim waits (long-polls) for work when none is ready; a wake-up ends it sooner. */
  pollIntervalMs?: number;
  /** Told of errors the agent can only log: a refused report, a failed claim. */
  onError?: (error: unknown, context: { taskId?: string; during: string }) => void;
}

interface Run {
  task: ClaimedTask;
  controller: AbortController;
  reason: 'cancel' | 'timeout' | 'stop' | 'lost' | null;
  /** performance.now() when the lease was last known good. */
  renewedAt: number;
  /** The handler's outcome arrived and is being reported. */
  settled: boolean;
  /** The agent gave up on the handler (timeout, stop); its late outcome is ignored. */
  abandon: () => void;
  done: Promise<void>;
}

interface Agent {
  readonly id: string;
  handle<P>(definition: TaskDefinition<P>, handler: TaskHandler<P>): Agent;
  start(): Promise<void>;
  /** Stops claiming, waits for running handlers up to `graceMs`, then aborts them and gives their tasks back. */
  stop(params?: { graceMs?: number }): Promise<void>;
  /** How many handlers are running now. */
  active(): number;
}

const CLAIM_RETRY_MS = 1_000;
/**
 * Reports in flight per slot before the agent stops claiming. At one, a claim
 * waited whenever the previous batch's reports had not landed yet (a drain at
 * concurrency 10 on PostgreSQL: 4.65k -> 4.9k tasks/s at three).
 */
const REPORTS_PER_SLOT = 3;
const PROGRESS_INTERVAL_MS = 1_000;
const tracer = trace.getTracer('baton-agent');

/** `(done, total, message?)` as the `{done, total, message}` the CLI and dashboard draw; a single value as it is. */
function progressValue(args: readonly unknown[]): unknown {
  const [first, total, message] = args;
  if (args.length >= 2 && typeof first === 'number' && typeof total === 'number') {
    return { done: first, total, ...(typeof message === 'string' ? { message } : {}) };
  }
  return first;
}

function createAgent(options: AgentOptions): Agent {
  const { transport } = options;
  const id = options.id ?? `agent-${globalThis.crypto.randomUUID()}`;
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? 10));
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const onError = options.onError ?? ((error, context) => console.warn(`[baton agent ${id}] ${context.during} failed`, context.taskId ?? '', error));
  const handlers = new Map<string, { definition: AnyDefinition; handler: TaskHandler<unknown> }>();
  const runs = new Map<string, Run>();
  const stopController = new AbortController();
  let loop: Promise<void> | null = null;
  let wakeLoop: (() => void) | null = null;
  let unsubscribeCancel: (() => void) | null = null;
  let heartbeat: { stop: () => void } | null = null;
  /** The lease a claim gets, as the scheduler said at registration. */
  let leaseMs = 30_000;

  function requestCancel(taskId: string): void {
    const run = runs.get(taskId);
    if (!run || run.reason) return;
    run.reason = 'cancel';
    run.controller.abort(new Error('the task was cancelled'));
  }

  /** The claim is no longer ours: stop the handler and write nothing more for it. */
  function loseLease(taskId: string, why: string): void {
    const run = runs.get(taskId);
    if (!run || run.reason === 'lost' || run.settled) return;
    run.reason = 'lost';
    run.controller.abort(new Error(why));
    run.abandon();
    onError(new Error(`task ${taskId}: ${why}; its handler was aborted`), { taskId, during: 'heartbeat' });
  }

  /**
   * Sends a report. A refusal (stale token, task already ended) is final. Any
   * other failure may be the network or the database coming back, so the report
   * is tried again with backoff for as long as the lease can still be ours: a
   * finished task is not run twice because one write met a dropped connection.
   */
  const report = async (during: string, taskId: string, call: () => Promise<void>) => {
    const started = performance.now();
    for (let delayMs = 50; ; delayMs = Math.min(delayMs * 2, 2_000)) {
      try {
        await call();
        return;
      } catch (error) {
        const run = runs.get(taskId);
        const heldSince = run?.renewedAt ?? started;
        if (!isTransient(error) || run?.reason === 'lost' || performance.now() + delayMs - heldSince >= leaseMs) {
          onError(error, { taskId, during });
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, delayMs));
      }
    }
  };

  function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stopController.signal.removeEventListener('abort', done);
        wakeLoop = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      stopController.signal.addEventListener('abort', done, { once: true });
      wakeLoop = done;
    });
  }

  async function execute(run: Run, abandoned: Promise<'abandoned'>): Promise<void> {
    const { task } = run;
    const entry = handlers.get(task.type);
    const token = { agentId: id, taskId: task.id, token: task.token };
    if (!entry) {
      await report('fail', task.id, () => transport.fail({ ...token, error: { name: 'NoHandler', message: `agent ${id} has no handler for ${task.type}` }, retryable: true }));
      return;
    }
    let payload: unknown;
    try {
      payload = readPayload({ definition: entry.definition, payload: task.payload, payloadVersion: task.payloadVersion });
    } catch (error) {
      await report('fail', task.id, () => transport.fail({ ...token, error: toErrorInfo(error), retryable: false }));
      return;
    }
    // Progress is an agent write like any other: fenced by the token, and not sent once the run is over.
    const progress = createProgressReporter({
      intervalMs: PROGRESS_INTERVAL_MS,
      send: async (value) => {
        if (run.settled || run.reason) return;
        await transport.progress({ ...token, progress: value ?? null }).catch((error: unknown) => onError(error, { taskId: task.id, during: 'progress' }));
      },
    });
    const ctx: TaskContext = {
      taskId: task.id,
      attempt: task.attempt,
      maxAttempts: task.maxAttempts,
      token: task.token,
      idempotencyKey: task.idempotencyKey,
      jobId: task.jobId ?? null,
      key: task.key ?? null,
      results: task.results ?? {},
      signal: run.controller.signal,
      progress: (...args: unknown[]) => progress.report(progressValue(args)),
    };
    const timeout =
      task.timeoutMs === null
        ? null
        : setTimeout(() => {
            const error = new TaskTimeoutError(task.timeoutMs ?? 0);
            run.reason = 'timeout';
            run.controller.abort(error);
            // Cooperative timeout: the slot is freed and the attempt failed now, whether or not the handler listens.
            run.abandon();
            void report('fail', task.id, () => transport.fail({ ...token, error: toErrorInfo(error), retryable: true }));
          }, task.timeoutMs);
    // The run is a span in the submitter's trace (a no-op without an OpenTelemetry SDK); the handler's own spans nest under it.
    const parent = contextFromTrace({ trace: task.trace ?? null });
    const span = tracer.startSpan(
      `baton.run ${task.type}`,
      { kind: SpanKind.CONSUMER, attributes: { 'baton.task.id': task.id, 'baton.task.type': task.type, 'baton.task.attempt': task.attempt, 'baton.agent.id': id } },
      parent,
    );
    const outcome = await Promise.race([
      Promise.resolve()
        .then(() => {
          // Cancelled (or stopped) before it could start: the handler is not begun at all.
          if (run.controller.signal.aborted) throw run.controller.signal.reason;
          return context.with(trace.setSpan(parent, span), () => entry.handler(payload, ctx));
        })
        .then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        ),
      abandoned,
    ]);
    if (timeout) clearTimeout(timeout);
    if (outcome === 'abandoned' || !outcome.ok) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: outcome === 'abandoned' ? `abandoned (${run.reason ?? 'stopped'})` : toErrorInfo(outcome.error).message });
    }
    span.end();
    // Before the outcome: a run given up on (reason set) sends nothing more.
    await progress.drain();
    if (outcome === 'abandoned') return;
    run.settled = true;
    // The handler's slot is free now: the claim loop need not wait for this report to land.
    wakeLoop?.();
    if (outcome.ok) {
      await report('succeed', task.id, () => transport.succeed({ ...token, result: outcome.value ?? null }));
    } else if (run.reason === 'cancel') {
      await report('confirm cancel', task.id, () => transport.confirmCancel(token));
    } else {
      // Retrying cannot help an error the definition names as permanent, nor one marked retryable: false.
      const retryable = isRetryable(outcome.error) && !entry.definition.defaults.nonRetryable?.includes(toErrorInfo(outcome.error).name);
      const retryAfterMs = retryAfterOf(outcome.error);
      await report('fail', task.id, () => transport.fail({ ...token, error: toErrorInfo(outcome.error), retryable, ...(retryAfterMs === null ? {} : { retryAfterMs }) }));
    }
  }

  function startRun(task: ClaimedTask, claimedAt: number): void {
    let abandon: () => void = () => undefined;
    const abandoned = new Promise<'abandoned'>((resolve) => {
      abandon = () => resolve('abandoned');
    });
    const run: Run = { task, controller: new AbortController(), reason: null, renewedAt: claimedAt, settled: false, abandon, done: Promise.resolve() };
    runs.set(task.id, run);
    run.done = execute(run, abandoned).finally(() => {
      runs.delete(task.id);
      wakeLoop?.();
    });
  }

  /** Handlers not yet ended: a settled run is only waiting for its report to land. */
  function running(): number {
    let n = 0;
    for (const run of runs.values()) if (!run.settled) n++;
    return n;
  }

  async function claimLoop(): Promise<void> {
    const types = [...handlers.keys()];
    while (!stopController.signal.aborted) {
      // Runs still reporting hold no slot, but are capped so a slow scheduler cannot pile up reports without end.
      const free = Math.min(concurrency - running(), (1 + REPORTS_PER_SLOT) * concurrency - runs.size);
      if (free <= 0) {
        await sleep(pollIntervalMs);
        continue;
      }
      let claimed: ClaimedTask[];
      // Taken before asking: the lease the store grants starts no earlier than this.
      const claimedAt = performance.now();
      try {
        claimed = await transport.claim({ agentId: id, types, limit: free, waitMs: pollIntervalMs, signal: stopController.signal });
      } catch (error) {
        onError(error, { during: 'claim' });
        await sleep(CLAIM_RETRY_MS);
        continue;
      }
      // A claim that landed as the stop began is run like any other: stop() waits for it within its grace.
      for (const task of claimed) startRun(task, claimedAt);
      // The handlers just started begin (a microtask each) before the next claim's request is built: over HTTP that
      // is a few hundred microseconds of work, and every task claimed started that much later (bench/RESULTS.md, history 49).
      if (claimed.length > 0) await Promise.resolve();
    }
  }

  const agent: Agent = {
    id,
    handle(definition, handler) {
      if (loop) throw new Error(`agent ${id}: register handlers before start()`);
      handlers.set(definition.type, { definition: definition as AnyDefinition, handler: handler as TaskHandler<unknown> });
      return agent;
    },
    async start() {
      if (loop) return;
      if (handlers.size === 0) throw new Error(`agent ${id}: no handlers; call handle(definition, fn) first`);
      const labels = { service: options.labels?.service ?? null, tags: [...(options.labels?.tags ?? [])] };
      // Loaded here, not at the top: the SDK's entry must stay free of Node-only imports so browsers can bundle it.
      const host = options.host ?? (await import('node:os')).hostname();
      ({ leaseMs } = await transport.register({ agentId: id, host, labels, definitions: [...handlers.values()].map((h) => h.definition), concurrency }));
      unsubscribeCancel = transport.onCancelRequested({ agentId: id, listener: requestCancel });
      heartbeat = startHeartbeat({
        leaseMs,
        // A settled run still holds its lease until its report lands, so it is renewed too.
        held: () => [...runs.values()].filter((r) => r.reason !== 'lost').map((r) => ({ taskId: r.task.id, token: r.task.token, renewedAt: r.renewedAt })),
        renew: (leases) => transport.heartbeat({ agentId: id, leases }),
        onRenewed: (taskId, at) => {
          const run = runs.get(taskId);
          if (run) run.renewedAt = Math.max(run.renewedAt, at);
        },
        onLost: loseLease,
        onCancelRequested: requestCancel,
        onError: (error) => onError(error, { during: 'heartbeat' }),
      });
      loop = claimLoop();
    },
    async stop(params = {}) {
      const graceMs = params.graceMs ?? 10_000;
      stopController.abort();
      await loop;
      const grace = new Promise<void>((resolve) => setTimeout(resolve, graceMs).unref());
      await Promise.race([Promise.all([...runs.values()].map((r) => r.done)), grace]);
      await Promise.all(
        [...runs.values()]
          .filter((run) => !run.settled && run.reason !== 'timeout' && run.reason !== 'lost')
          .map(async (run) => {
            run.reason = 'stop';
            run.controller.abort(new Error('the agent is stopping'));
            run.abandon();
            await report('release', run.task.id, () => transport.release({ agentId: id, taskId: run.task.id, token: run.task.token, reason: 'agent stopped before the handler finished' }));
          }),
      );
      await Promise.all([...runs.values()].map((r) => r.done));
      heartbeat?.stop();
      unsubscribeCancel?.();
      await transport.unregister({ agentId: id });
    },
    active: () => running(),
  };
  return agent;
}

export { createAgent };
export type { Agent, AgentOptions };
