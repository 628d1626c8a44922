import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { pino } from 'pino';
import { createBaton } from '../app/create-baton.js';
import { redactDatabaseUrl } from '../app/database-url.js';
import { createHttpServer } from '../http/http-server.js';
import { loadHandlers } from './load-handlers.js';
/** Built-in types every server accepts; a node delivers them unless --run-types leaves them out. */
const CALLBACK_TYPES = ['http.callback', 'reminder'];
/**
 * `baton server`: the engine, the HTTP API and, with --handlers, in-process
 * agents. Returns a stop function; the caller (main) owns the signals.
 */
async function runServer(options) {
    const logger = pino({ level: options.logLevel });
    const entries = options.handlers ? await loadHandlers(options.handlers) : [];
    const baton = await createBaton({
        database: options.database,
        ...(options.schema ? { schema: options.schema } : {}),
        ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
        definitions: entries.map((e) => e.definition),
        ...(options.workflowsDir ? { workflowsDir: options.workflowsDir } : {}),
        ...(options.archiveDir ? { archiveDir: options.archiveDir } : {}),
        // Every server node delivers callbacks and reminders; the secret comes from BATON_WEBHOOK_SECRET.
        callbacks: { allow: options.callbackAllow ?? [], run: options.runTypes === undefined || options.runTypes.some((t) => CALLBACK_TYPES.includes(t)) },
        logger: {
            warn: (obj, msg) => logger.warn(obj, msg),
            error: (obj, msg) => logger.error(obj, msg),
            info: (obj, msg) => logger.info(obj, msg),
            debug: (obj, msg) => logger.debug(obj, msg),
        },
    });
    const known = new Set(entries.map((e) => e.definition.type));
    const unknown = (options.runTypes ?? []).filter((t) => !known.has(t) && !CALLBACK_TYPES.includes(t));
    if (unknown.length > 0) {
        await baton.close();
        throw new Error(`--run-types names types the handlers file does not define: ${unknown.join(', ')}`);
    }
    // Every definition is known (so this node validates any submission); only the chosen types run here.
    const running = entries.filter((e) => options.runTypes === undefined || options.runTypes.includes(e.definition.type));
    if (running.length > 0) {
        const agent = baton.agents.create({
            // Host and pid in the id, so an operator can tell which process holds a task.
            id: `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
            concurrency: options.concurrency,
            onError: (err, ctx) => logger.warn({ err, ...ctx }, `agent: ${ctx.during} failed`),
        });
        for (const entry of running)
            agent.handle(entry.definition, entry.handler);
        await agent.start();
    }
    const app = await createHttpServer({ engine: baton.engine, logger: logger.child({ component: 'http' }), auth: options.insecure ? 'insecure' : 'tokens' });
    if (options.insecure) {
        logger.warn('authentication is OFF (--insecure): anyone who can reach this port can submit, cancel and run tasks');
        process.stderr.write('WARNING: --insecure: authentication is off. Never use this outside local development.\n');
    }
    else {
        // Deny by default: on a first start there is no token, so one admin token is made and shown this once.
        const admin = await baton.engine.tokens.bootstrapAdmin();
        if (admin)
            process.stdout.write(`Admin token (shown once; only its hash is stored): ${admin}\n`);
    }
    let address;
    try {
        address = await app.listen({ port: options.port, host: options.host });
    }
    catch (error) {
        await baton.close();
        throw new Error(`cannot listen on ${options.host}:${options.port}: ${error.message}`);
    }
    const types = running.map((e) => e.definition.type);
    const workflows = baton.workflows.list();
    if (workflows.length)
        process.stdout.write(`Workflows: ${workflows.map((w) => `${w.name} (on ${w.on})`).join(', ')}\n`);
    process.stdout.write(`Baton listening on ${address} (database ${redactDatabaseUrl(options.database)}; ${types.length ? `running ${types.join(', ')}` : 'no handlers: pass --handlers FILE to run tasks here'})\n` +
        `Dashboard: ${address}/ (log in with a token)\n`);
    return {
        url: address,
        async stop() {
            await app.close();
            await baton.close({ graceMs: options.graceMs });
        },
    };
}
export { runServer };
//# sourceMappingURL=server-command.js.map