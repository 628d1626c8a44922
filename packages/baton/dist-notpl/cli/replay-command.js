import { withDatabaseOptions } from './database-options.js';
import { parseDatabaseUrl, redactDatabaseUrl } from '../app/database-url.js';
import { openStorage } from '../app/open-storage.js';
import { createWriteStream } from 'node:fs';
import { checkProjections } from '../replay/projection-check.js';
import { exportEvents } from '../replay/event-export.js';
import { printJson, printTable } from './task-output.js';
/** `baton replay`: folds the whole log into every projection and compares it with the tables. */
function registerReplayCommand(program) {
    withDatabaseOptions(program.command('replay'))
        .description('fold the whole event log into every projection and compare with the tables; exits 1 on any difference')
        .option('--apply', 'rebuild every projection from the log when they differ, then check again (PostgreSQL: online, writers wait only for the swap)')
        .option('--json', 'print JSON')
        .action(async (opts) => {
        const config = parseDatabaseUrl(opts.database, opts.schema ? { schema: opts.schema } : {});
        const quiet = { warn: () => undefined, error: () => undefined };
        const storage = await openStorage({ config, clock: { now: () => Date.now() }, logger: quiet, storeOnly: true });
        try {
            let check = await checkProjections({ store: storage.store });
            if (opts.apply && check.differences.length > 0) {
                const before = check.differences.length;
                const rebuilt = await storage.store.rebuildProjections();
                check = await checkProjections({ store: storage.store });
                if (!opts.json) {
                    process.stdout.write(`rebuilt every projection from the log: ${before} difference(s) before, ${check.differences.length} after ` +
                        `(${rebuilt.events} events, ${rebuilt.caughtUp} of them written while it ran; writers waited ${rebuilt.lockedMs} ms for the swap)\n`);
                }
            }
            if (opts.json)
                printJson(check);
            else {
                process.stdout.write(`replayed ${check.events} events of ${redactDatabaseUrl(opts.database)}: ${Object.entries(check.counts).map(([k, n]) => `${n} ${k}`).join(', ')}\n`);
                if (check.differences.length === 0)
                    process.stdout.write('every projection equals the fold of the log\n');
                else
                    printTable([['KIND', 'KEY', 'PROBLEM', 'FIELDS'], ...check.differences.map((d) => [d.kind, d.key, d.problem, d.fields.join(',') || '-'])]);
            }
            if (check.differences.length > 0)
                process.exitCode = 1;
        }
        finally {
            await storage.close();
        }
    });
}
/** `baton events export`: the log, or a range of it, as NDJSON, straight from the database. */
function registerExportCommand(program) {
    const events = program.commands.find((c) => c.name() === 'events') ?? program.command('events').description('the event log');
    withDatabaseOptions(events.command('export'))
        .description('write the log (or --after/--until a range of event numbers) as NDJSON, one event per line')
        .option('--after <seq>', 'start after this event number', (v) => Number(v))
        .option('--until <seq>', 'stop at this event number', (v) => Number(v))
        .option('--out <file>', 'write here instead of standard output')
        .action(async (opts) => {
        const config = parseDatabaseUrl(opts.database, opts.schema ? { schema: opts.schema } : {});
        const quiet = { warn: () => undefined, error: () => undefined };
        const storage = await openStorage({ config, clock: { now: () => Date.now() }, logger: quiet, storeOnly: true });
        const out = opts.out ? createWriteStream(opts.out) : process.stdout;
        try {
            const written = await exportEvents({
                store: storage.store,
                ...(opts.after === undefined ? {} : { afterSeq: opts.after }),
                ...(opts.until === undefined ? {} : { untilSeq: opts.until }),
                write: (line) => new Promise((resolve) => (out.write(line) ? resolve() : out.once('drain', () => resolve()))),
            });
            process.stderr.write(`exported ${written.events} events${written.lastSeq === null ? '' : ` (up to #${written.lastSeq})`}\n`);
        }
        finally {
            if (out !== process.stdout)
                await new Promise((r) => out.end(r));
            await storage.close();
        }
    });
}
export { registerReplayCommand, registerExportCommand };
//# sourceMappingURL=replay-command.js.map