import { clientFrom } from './task-commands.js';
import { printJson } from './task-output.js';
const MAX_DATA = 160;
/** `baton history <id>`: a task's (job's, agent's, reminder's, schedule's) events in order, and its state then. */
function registerHistoryCommand(program) {
    program
        .command('history')
        .description('the ordered history of a task, job, agent, reminder or schedule')
        .argument('<id>', 'a task, job or agent id, or a schedule name')
        .option('--as-of <point>', 'stop at this ISO 8601 time or event number, and show the state then')
        .option('--after <version>', 'start after this version of the stream (paging)', (v) => Number(v))
        .option('--limit <n>', 'at most this many events (default 1000)', (v) => Number(v))
        .option('--json', 'print JSON')
        .action(async (id, opts, command) => {
        const asOf = opts.asOf === undefined ? undefined : /^\d+$/.test(opts.asOf) ? Number(opts.asOf) : new Date(opts.asOf);
        if (asOf instanceof Date && Number.isNaN(asOf.getTime()))
            throw new Error(`--as-of: "${opts.asOf}" is neither an ISO 8601 time nor an event number`);
        const history = await clientFrom(command).history.get({ id, ...(asOf === undefined ? {} : { asOf }), ...(opts.after === undefined ? {} : { after: opts.after }), ...(opts.limit === undefined ? {} : { limit: opts.limit }) });
        if (opts.json)
            return printJson(history);
        process.stdout.write(`${history.kind} ${history.stream}: ${history.events.length} event(s)${opts.asOf ? ` up to ${opts.asOf}` : ''}\n`);
        for (const e of history.events) {
            const data = JSON.stringify(e.data);
            process.stdout.write(`${e.time}  #${e.seq}  v${e.version}  ${e.type.padEnd(22)} ${data.length > MAX_DATA ? `${data.slice(0, MAX_DATA)}…` : data}\n`);
        }
        if (history.nextAfter !== null)
            process.stdout.write(`more: --after ${history.nextAfter}\n`);
        const state = history.state;
        if (state && typeof state.state === 'string')
            process.stdout.write(`state then: ${state.state}\n`);
    });
}
export { registerHistoryCommand };
//# sourceMappingURL=history-command.js.map