#!/usr/bin/env node
import { BatonError } from '@baton/core';
import { Command, InvalidArgumentError } from 'commander';
import { runAgent } from './agent-command.js';
import { runServer } from './server-command.js';
import { registerJobCommands } from './job-commands.js';
import { registerScheduleCommands } from './schedule-commands.js';
import { registerExportCommand, registerReplayCommand } from './replay-command.js';
import { registerDoctorCommand } from './doctor-command.js';
import { registerHistoryCommand } from './history-command.js';
import { registerTaskCommands } from './task-commands.js';
function integer(name) {
    return (value) => {
        const n = Number(value);
        if (!Number.isInteger(n) || n < 0)
            throw new InvalidArgumentError(`${name} must be a whole number ≥ 0`);
        return n;
    };
}
/**
 * SIGINT and SIGTERM stop the command gracefully, once, then exit 0 (1 if
 * stopping failed). Only the CLI installs signal handlers; libraries never do.
 */
function stopOnSignals(params) {
    let stopping = false;
    const shutdown = (signal) => {
        if (stopping)
            return;
        stopping = true;
        process.stdout.write(`${signal}: ${params.what} (grace ${params.graceMs} ms)\n`);
        params.stop().then(() => process.exit(0), (error) => {
            process.stderr.write(`error while stopping: ${error.message}\n`);
            process.exit(1);
        });
    };
    process.on('SIGINT', () => shutdown('SIGINT'));
    process.on('SIGTERM', () => shutdown('SIGTERM'));
}
const program = new Command();
program
    .name('baton')
    .description('Baton: a distributed task manager for TypeScript and Node.js')
    .option('--server <url>', 'server URL for client commands (env BATON_URL)')
    .option('--token <token>', 'API token (env BATON_TOKEN)')
    .showHelpAfterError();
program
    .command('server')
    .description('run a Baton node: engine, HTTP API and, with --handlers, in-process agents')
    .option('--port <port>', 'port (env BATON_PORT; 0 picks a free one)', integer('port'), Number(process.env.BATON_PORT ?? 7070))
    .option('--host <host>', 'interface to bind', process.env.BATON_HOST ?? '127.0.0.1')
    .option('--database <url>', 'sqlite:PATH, sqlite::memory: or postgres://user@host/db (env BATON_DATABASE_URL)', process.env.BATON_DATABASE_URL ?? 'sqlite:./baton.db')
    .option('--schema <name>', 'PostgreSQL schema for Baton\'s tables (env BATON_DATABASE_SCHEMA; default baton)', process.env.BATON_DATABASE_SCHEMA)
    .option('--insecure', 'turn authentication off (local development only; logged loudly)')
    .option('--lease <ms>', 'how long a claim holds a task without a heartbeat (default 30000)', integer('lease'))
    .option('--handlers <file>', 'ES module exporting a list of defineHandler(definition, fn)')
    .option('--run-types <types>', 'comma-separated types this node runs (default: all in --handlers; "none" for an API-only node)', (v) => (v === 'none' ? [] : v.split(',').map((t) => t.trim()).filter(Boolean)))
    .option('--concurrency <n>', 'tasks run at once by the in-process agent', integer('concurrency'), 10)
    .option('--grace <ms>', 'on shutdown, how long running handlers may finish', integer('grace'), 10_000)
    .option('--log-level <level>', 'fatal, error, warn, info, debug', 'warn')
    .option('--callback-allow <cidrs>', 'comma-separated CIDRs callbacks may reach although private or loopback (env BATON_CALLBACK_ALLOW)', process.env.BATON_CALLBACK_ALLOW)
    .option('--archive-dir <dir>', 'retention: archive ended tasks whose type sets archiveAfterMs here, as NDJSON (env BATON_ARCHIVE_DIR)', process.env.BATON_ARCHIVE_DIR)
    .option('--workflows <dir>', 'a folder of workflow files (*.yaml), each started by its event (env BATON_WORKFLOWS)', process.env.BATON_WORKFLOWS)
    .action(async (opts) => {
    const server = await runServer({
        workflowsDir: opts.workflows,
        archiveDir: opts.archiveDir,
        callbackAllow: opts.callbackAllow ? String(opts.callbackAllow).split(',').map((c) => c.trim()).filter(Boolean) : [],
        port: opts.port,
        host: opts.host,
        database: opts.database,
        schema: opts.schema,
        leaseMs: opts.lease,
        insecure: opts.insecure === true,
        runTypes: opts.runTypes,
        handlers: opts.handlers,
        concurrency: opts.concurrency,
        graceMs: opts.grace,
        logLevel: opts.logLevel,
    });
    stopOnSignals({ what: 'stopping', graceMs: opts.grace, stop: () => server.stop() });
});
program
    .command('agent')
    .description('run a remote agent: claims and runs tasks from a Baton server over HTTP (no database needed)')
    .requiredOption('--handlers <file>', 'ES module exporting a list of defineHandler(definition, fn)')
    .option('--run-types <types>', 'comma-separated types to run (default: all in --handlers)', (v) => v.split(',').map((t) => t.trim()).filter(Boolean))
    .option('--concurrency <n>', 'tasks run at once', integer('concurrency'), 10)
    .option('--service <name>', 'the service label tasks can target')
    .option('--tags <tags>', 'comma-separated tags tasks can target', (v) => v.split(',').map((t) => t.trim()).filter(Boolean), [])
    .option('--id <id>', 'agent id (default: host-pid-random)')
    .option('--grace <ms>', 'on shutdown, how long running handlers may finish', integer('grace'), 10_000)
    .action(async (opts, command) => {
    const globals = command.optsWithGlobals();
    const agent = await runAgent({
        server: globals.server ?? process.env.BATON_URL ?? 'http://127.0.0.1:7070',
        token: globals.token ?? process.env.BATON_TOKEN,
        handlers: opts.handlers,
        runTypes: opts.runTypes,
        concurrency: opts.concurrency,
        service: opts.service,
        tags: opts.tags,
        id: opts.id,
    });
    stopOnSignals({ what: `stopping agent ${agent.id}`, graceMs: opts.grace, stop: () => agent.stop(opts.grace) });
});
registerTaskCommands(program);
registerJobCommands(program);
registerScheduleCommands(program);
registerReplayCommand(program);
registerDoctorCommand(program);
registerExportCommand(program);
registerHistoryCommand(program);
program.parseAsync(process.argv).catch((error) => {
    if (error instanceof BatonError) {
        process.stderr.write(`error ${error.code}: ${error.message}\n`);
        for (const issue of error.issues)
            process.stderr.write(`  ${issue.path}: ${issue.message} (${issue.rule})\n`);
    }
    else {
        process.stderr.write(`error: ${error.message}\n`);
    }
    process.exitCode = 1;
});
//# sourceMappingURL=main.js.map