import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { createAgent, createHttpAgentTransport } from '@baton/client';
import { loadHandlers } from './load-handlers.js';
/**
 * `baton agent`: a remote agent. It knows only where to get work (the server's
 * URL and a token), runs the handlers of a handlers file, and reports over
 * HTTP. Returns a stop function; the caller (main) owns the signals.
 */
async function runAgent(options) {
    const entries = await loadHandlers(options.handlers);
    const known = new Set(entries.map((e) => e.definition.type));
    const unknown = (options.runTypes ?? []).filter((t) => !known.has(t));
    if (unknown.length > 0)
        throw new Error(`--run-types names types the handlers file does not define: ${unknown.join(', ')}`);
    const running = entries.filter((e) => options.runTypes === undefined || options.runTypes.includes(e.definition.type));
    if (running.length === 0)
        throw new Error(`${options.handlers} gives this agent nothing to run`);
    const agent = createAgent({
        transport: createHttpAgentTransport({ url: options.server, ...(options.token ? { token: options.token } : {}) }),
        id: options.id ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`,
        concurrency: options.concurrency,
        labels: { ...(options.service ? { service: options.service } : {}), tags: options.tags },
        onError: (error, ctx) => process.stderr.write(`agent: ${ctx.during}${ctx.taskId ? ` ${ctx.taskId}` : ''} failed: ${error.message}\n`),
    });
    for (const entry of running)
        agent.handle(entry.definition, entry.handler);
    await agent.start();
    process.stdout.write(`Baton agent ${agent.id} working for ${options.server} (running ${running.map((e) => e.definition.type).join(', ')})\n`);
    return { id: agent.id, stop: (graceMs) => agent.stop({ graceMs }) };
}
export { runAgent };
//# sourceMappingURL=agent-command.js.map