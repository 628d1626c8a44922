import type { TaskContext, TaskHandler } from './task-context.js';

type Isolation = 'worker' | 'process';

interface IsolatedHandlerOptions {
  /** The module holding the handler: a path or file URL. */
  module: string | URL;
  /** The export: a handler function, or a handlers-file list (the entry for the task's type is used). Default `default`. */
  exportName?: string;
  /** A worker thread (light, same process) or a child process (its own heap and crashes). Default `worker`. */
  isolation?: Isolation;
  /** The task type, when the export is a handlers-file list. */
  type: string;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: { name: string; message: string; stack?: string; retryable: boolean } };
/** What the runner sends: progress reports while it runs, then one outcome. */
type RunnerMessage = Outcome | { progress: unknown[] };

const RUNNER = new URL('../../runner/isolation-runner.mjs', import.meta.url);

class IsolatedHandlerError extends Error {
  readonly retryable: boolean;
  constructor(info: { name: string; message: string; stack?: string; retryable: boolean }) {
    super(info.message);
    this.name = info.name;
    this.retryable = info.retryable;
    if (info.stack) this.stack = info.stack;
  }
}

/** Runs the handler in its own thread or process; ends it as soon as `signal` aborts. */
async function runIsolated(params: { options: IsolatedHandlerOptions; payload: unknown; ctx: TaskContext }): Promise<unknown> {
  const { options, ctx } = params;
  // Node-only modules, loaded when an isolated handler first runs: the SDK's entry stays bundleable for browsers.
  const [{ fork }, { pathToFileURL }, { Worker }] = await Promise.all([import('node:child_process'), import('node:url'), import('node:worker_threads')]);
  const moduleUrl = options.module instanceof URL ? options.module.href : pathToFileURL(options.module).href;
  const job = {
    module: moduleUrl,
    exportName: options.exportName ?? 'default',
    type: options.type,
    payload: params.payload,
    context: { taskId: ctx.taskId, attempt: ctx.attempt, maxAttempts: ctx.maxAttempts, token: ctx.token, idempotencyKey: ctx.idempotencyKey, jobId: ctx.jobId, key: ctx.key, results: ctx.results },
  };
  return new Promise((resolve, reject) => {
    if (ctx.signal.aborted) return reject(ctx.signal.reason);
    let settled = false;
    let stop: () => void = () => undefined;
    const finish = (outcome: Outcome | Error) => {
      if (settled) return;
      settled = true;
      ctx.signal.removeEventListener('abort', onAbort);
      stop();
      if (outcome instanceof Error) reject(outcome);
      else if (outcome.ok) resolve(outcome.value);
      else reject(new IsolatedHandlerError(outcome.error));
    };
    const onAbort = () => finish(ctx.signal.reason instanceof Error ? ctx.signal.reason : new Error('the task was aborted'));
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    const exited = (code: number | null) => finish(new Error(`the isolated handler exited (code ${code}) without an answer`));
    const onMessage = (message: RunnerMessage) => {
      if ('progress' in message) void (ctx.progress as (...args: unknown[]) => Promise<void>)(...message.progress);
      else finish(message);
    };

    if ((options.isolation ?? 'worker') === 'worker') {
      const worker = new Worker(RUNNER);
      stop = () => void worker.terminate();
      worker.on('message', onMessage);
      worker.once('error', (error) => finish(error));
      worker.once('exit', exited);
      worker.postMessage(job);
    } else {
      const child = fork(RUNNER, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
      stop = () => {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      };
      child.on('message', onMessage);
      child.once('error', (error) => finish(error));
      child.once('exit', exited);
      child.send(job);
    }
  });
}

/**
 * A handler that runs in a worker thread or a child process which is terminated
 * when the task times out, is cancelled, loses its lease or the agent stops: a
 * handler stuck in a synchronous loop is really stopped, and the agent's own
 * event loop keeps serving other tasks meanwhile. The payload and the result
 * cross by structured clone; the context's signal is replaced by termination.
 */
function isolatedHandler(options: IsolatedHandlerOptions): TaskHandler<unknown> {
  return (payload, ctx) => runIsolated({ options, payload, ctx });
}

export { isolatedHandler };
export type { Isolation, IsolatedHandlerOptions };
