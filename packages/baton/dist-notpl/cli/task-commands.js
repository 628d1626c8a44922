import { BatonClient } from '@baton/client';
import { AgentStateSchema, TaskStateSchema } from '@baton/core';
import { printAgentDetail, printAgentTable, printExplanation, printJson, printTaskDetail, printTaskTable } from './task-output.js';
import { createProgressLine, taskProgressText } from './progress-line.js';
const DEFAULT_URL = 'http://127.0.0.1:7070';
/** How often `await` asks while it draws progress. */
const PROGRESS_POLL_MS = 500;
function clientFrom(command) {
    const opts = command.optsWithGlobals();
    return new BatonClient({ url: opts.server ?? process.env.BATON_URL ?? DEFAULT_URL, token: opts.token ?? process.env.BATON_TOKEN });
}
function parseJsonArg(text, what) {
    try {
        return JSON.parse(text);
    }
    catch {
        throw new Error(`${what} is not valid JSON: ${text.slice(0, 80)}`);
    }
}
/** A task as lines for people, or as JSON with `--json`. */
function printTask(task, opts) {
    if (opts.json)
        printJson(task);
    else
        printTaskDetail(task);
}
function printTypeControl(control, opts) {
    if (opts.json)
        printJson(control);
    else
        process.stdout.write(`type ${control.type}: ${control.paused ? `paused${control.reason ? ` (${control.reason})` : ''}` : 'running'}\n`);
}
/** submit, get, list, cancel, await and agents: thin commands over the SDK. */
function registerTaskCommands(program) {
    program
        .command('submit')
        .description('submit a task')
        .argument('<type>', 'the task type')
        .argument('[payload]', 'the payload as JSON', 'null')
        .option('--delay <ms>', 'start no sooner than this many milliseconds from now', (v) => Number(v))
        .option('--run-at <iso>', 'start no sooner than this time (ISO 8601)')
        .option('--priority <n>', 'higher runs first', (v) => Number(v))
        .option('--max-attempts <n>', 'attempts before it fails', (v) => Number(v))
        .option('--idempotency-key <key>', 'a second submit with this key returns the first task')
        .option('--json', 'print JSON instead of lines')
        .action(async (type, payload, opts, command) => {
        const res = await clientFrom(command).tasks.submit({
            type,
            payload: parseJsonArg(payload, 'payload'),
            delayMs: opts.delay,
            runAt: opts.runAt,
            priority: opts.priority,
            maxAttempts: opts.maxAttempts,
            idempotencyKey: opts.idempotencyKey,
        });
        if (opts.json)
            return printJson(res);
        if (!res.created)
            process.stdout.write('already submitted with this idempotency key:\n');
        printTaskDetail(res.task);
        for (const warning of res.warnings ?? [])
            process.stderr.write(`warning: ${warning}\n`);
    });
    program
        .command('get')
        .description('show one task')
        .argument('<id>')
        .option('--json', 'print JSON instead of lines')
        .action(async (id, opts, command) => printTask(await clientFrom(command).tasks.get({ taskId: id }), opts));
    program
        .command('explain')
        .description('why a task is not running: every reason, from the live state')
        .argument('<id>')
        .option('--json', 'print JSON instead of lines')
        .action(async (id, opts, command) => {
        const explanation = await clientFrom(command).tasks.explain({ taskId: id });
        if (opts.json)
            return printJson(explanation);
        printExplanation(explanation);
    });
    program
        .command('list')
        .description('list tasks, newest first')
        .option('--state <states>', `comma-separated: ${TaskStateSchema.options.join(', ')}`)
        .option('--type <types>', 'comma-separated task types')
        .option('--agent <id>', 'tasks this agent runs now')
        .option('--since <iso>', 'submitted at or after this time')
        .option('--until <iso>', 'submitted before this time')
        .option('--key <prefix>', 'idempotency keys starting with this')
        .option('--oldest', 'oldest first')
        .option('--limit <n>', 'at most this many', (v) => Number(v), 50)
        .option('--cursor <cursor>', 'continue from a previous page')
        .option('--json', 'print JSON instead of a table')
        .action(async (opts, command) => {
        const page = await clientFrom(command).tasks.list({
            states: opts.state?.split(','),
            types: opts.type?.split(','),
            agent: opts.agent,
            submittedAfter: opts.since,
            submittedBefore: opts.until,
            idempotencyKey: opts.key,
            order: opts.oldest ? 'oldest' : 'newest',
            limit: opts.limit,
            cursor: opts.cursor,
        });
        if (opts.json)
            return printJson(page);
        printTaskTable(page.items);
        if (page.nextCursor)
            process.stdout.write(`more: --cursor ${page.nextCursor}\n`);
    });
    program
        .command('cancel')
        .description('cancel a task (a running one is asked to stop)')
        .argument('<id>')
        .option('--reason <text>')
        .option('--json', 'print JSON instead of lines')
        .action(async (id, opts, command) => printTask(await clientFrom(command).tasks.cancel({ taskId: id, reason: opts.reason }), opts));
    program
        .command('retry')
        .description('give a failed or cancelled task more attempts; its history stays')
        .argument('<id>')
        .option('--attempts <n>', 'how many more attempts', (v) => Number(v), 1)
        .option('--reason <text>')
        .option('--json', 'print JSON instead of lines')
        .action(async (id, opts, command) => printTask(await clientFrom(command).tasks.retry({ taskId: id, attempts: opts.attempts, reason: opts.reason }), opts));
    program
        .command('await')
        .description('wait for a task to end and print it')
        .argument('<id>')
        .option('--timeout <ms>', 'give up after this long', (v) => Number(v), 30_000)
        .option('--quiet', 'no progress on stderr')
        .option('--json', 'print JSON instead of lines')
        .action(async (id, opts, command) => {
        const line = createProgressLine();
        try {
            const done = await clientFrom(command).tasks.await({
                taskId: id,
                timeoutMs: opts.timeout,
                ...(opts.quiet ? {} : { onProgress: (task) => line.show(taskProgressText(task)), pollMs: PROGRESS_POLL_MS }),
            });
            if (!opts.quiet)
                line.show(taskProgressText(done));
            line.end();
            printTask(done, opts);
        }
        finally {
            line.end();
        }
    });
    program
        .command('pause')
        .description('stop every agent of the cluster from claiming a task type; its tasks wait')
        .argument('<type>')
        .option('--reason <text>')
        .option('--json', 'print JSON instead of a line')
        .action(async (type, opts, command) => printTypeControl(await clientFrom(command).types.pause({ taskType: type, reason: opts.reason }), opts));
    program
        .command('resume')
        .description('let agents claim a paused task type again')
        .argument('<type>')
        .option('--json', 'print JSON instead of a line')
        .action(async (type, opts, command) => printTypeControl(await clientFrom(command).types.resume({ taskType: type }), opts));
    program
        .command('agents')
        .description('list agents: liveness, load, labels, the types they run')
        .argument('[id]', 'one agent, with the tasks it holds')
        .option('--state <states>', `comma-separated: ${AgentStateSchema.options.join(', ')}`)
        .option('--json', 'print JSON instead of a table')
        .action(async (id, opts, command) => {
        const client = clientFrom(command);
        if (id) {
            const agent = await client.agents.get({ agentId: id });
            return opts.json ? printJson(agent) : printAgentDetail(agent);
        }
        const { items } = await client.agents.list({ states: opts.state?.split(',') });
        if (opts.json)
            return printJson({ items });
        printAgentTable(items);
    });
}
export { registerTaskCommands, clientFrom, parseJsonArg };
//# sourceMappingURL=task-commands.js.map