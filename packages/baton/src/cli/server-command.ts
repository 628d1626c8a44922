import { pino } from 'pino';
import { createBaton } from '../app/create-baton.js';
import { redactDatabaseUrl } from '../app/database-url.js';
import { createHttpServer } from '../http/http-server.js';
import { loadHandlers } from './load-handlers.js';

interface ServerCommandOptions {
  port: number;
  host: string;
  database: string;
  schema?: string;
  handlers?: string;
  leaseMs?: number;
  concurrency: number;
  logLevel: string;
  graceMs: number;
}

/**
 * `baton server`: the engine, the HTTP API and, with --handlers, in-process
 * agents. Returns a stop function; the caller (main) owns the signals.
 */
async function runServer(options: ServerCommandOptions): Promise<{ url: string; stop: () => Promise<void> }> {
  const logger = pino({ level: options.logLevel });
  const entries = options.handlers ? await loadHandlers(options.handlers) : [];
  const baton = await createBaton({
    database: options.database,
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
    definitions: entries.map((e) => e.definition),
    logger: { warn: (obj, msg) => logger.warn(obj, msg), error: (obj, msg) => logger.error(obj, msg) },
  });
  if (entries.length > 0) {
    const agent = baton.agents.create({
      concurrency: options.concurrency,
      onError: (err, ctx) => logger.warn({ err, ...ctx }, 'agent report failed'),
    });
    for (const entry of entries) agent.handle(entry.definition, entry.handler);
    await agent.start();
  }
  const app = await createHttpServer({ engine: baton.engine, logger: logger.child({ component: 'http' }) });
  let address: string;
  try {
    address = await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await baton.close();
    throw new Error(`cannot listen on ${options.host}:${options.port}: ${(error as Error).message}`);
  }
  const types = entries.map((e) => e.definition.type);
  process.stdout.write(
    `Baton listening on ${address} (database ${redactDatabaseUrl(options.database)}; ${types.length ? `running ${types.join(', ')}` : 'no handlers: pass --handlers FILE to run tasks here'})\n`,
  );
  return {
    url: address,
    async stop() {
      await app.close();
      await baton.close({ graceMs: options.graceMs });
    },
  };
}

export { runServer };
export type { ServerCommandOptions };
