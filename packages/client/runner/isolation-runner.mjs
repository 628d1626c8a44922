// Runs one task handler in a worker thread or a child process, so that the agent
// can stop it by terminating the thread or killing the process. Plain JavaScript,
// shipped as is: it must load in Node without a build step (tests run sources).
import { parentPort } from 'node:worker_threads';

/** @param {unknown} error */
function describe(error) {
  if (error instanceof Error) {
    return { name: error.name, message: error.message, stack: error.stack, retryable: /** @type {{retryable?: unknown}} */ (error).retryable !== false };
  }
  return { name: 'NonErrorThrown', message: String(error), retryable: true };
}

/**
 * @param {{ module: string, exportName: string, type: string, payload: unknown, context: Record<string, unknown> }} job
 * @param {(message: unknown) => void} send
 */
async function run(job, send) {
  const mod = await import(job.module);
  const exported = mod[job.exportName];
  let handler = exported;
  // A handlers file: a list of defineHandler(definition, fn) entries; pick this task's type.
  if (Array.isArray(exported)) handler = exported.find((entry) => entry?.definition?.type === job.type)?.handler;
  if (typeof handler !== 'function') throw new Error(`${job.module} has no handler for ${job.type} (export "${job.exportName}")`);
  // The signal never aborts in here: the agent stops this handler by ending the thread or process.
  // Progress travels back to the agent, which sends it on like any of its own.
  const context = {
    ...job.context,
    signal: new AbortController().signal,
    // The arguments travel as they are: the agent's own context reads progress(done, total, message?) or progress(value).
    progress: (/** @type {unknown[]} */ ...args) => {
      send({ progress: args });
      return Promise.resolve();
    },
  };
  return handler(job.payload, context);
}

/**
 * @param {(message: unknown) => void} send progress, while the handler runs
 * @param {(message: unknown) => void} finish the outcome, once
 */
function serve(send, finish) {
  /** @param {any} job */
  return (job) => {
    run(job, send).then(
      (value) => finish({ ok: true, value: value === undefined ? null : value }),
      (error) => finish({ ok: false, error: describe(error) }),
    );
  };
}

if (parentPort) {
  const port = parentPort;
  const post = (/** @type {unknown} */ message) => port.postMessage(message);
  port.once('message', serve(post, post));
} else if (process.send) {
  const send = process.send.bind(process);
  process.once(
    'message',
    serve(
      (message) => send(message),
      (message) => send(message, () => process.disconnect()),
    ),
  );
}
