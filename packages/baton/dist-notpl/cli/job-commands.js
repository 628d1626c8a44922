import { readFile } from 'node:fs/promises';
import { JobStateSchema } from '@baton/core';
import { clientFrom, parseJsonArg } from './task-commands.js';
import { printJson, printTable } from './task-output.js';
import { createProgressLine, jobProgressText } from './progress-line.js';
/** A job's graph as a table: one row per task, a broadcast step's copies under it. */
function printJobGraph(job) {
    process.stdout.write(`job ${job.id} "${job.name}": ${job.state}${job.workflow ? ` (workflow ${job.workflow})` : ''}${job.failedKeys.length ? `; failed: ${job.failedKeys.join(', ')}` : ''}\n`);
    const rows = [['KEY', 'STATE', 'TYPE', 'AGENT', 'DEPENDS ON', 'TASK']];
    for (const node of job.tasks) {
        rows.push([node.key + (node.broadcast ? ' (broadcast)' : ''), node.state, node.type, node.agentId ?? '-', node.dependsOn.join(',') || '-', node.taskId]);
        for (const copy of node.copies)
            rows.push([`  @${copy.agentId ?? '?'}`, copy.state, '', copy.agentId ?? '-', '', copy.taskId]);
    }
    printTable(rows);
}
/** Waits for a job to end, drawing tasks done of total on stderr unless `quiet`. */
async function awaitJob(params) {
    const line = createProgressLine();
    try {
        const done = await clientFrom(params.command).jobs.await({
            jobId: params.jobId,
            timeoutMs: params.timeoutMs,
            ...(params.quiet ? {} : { onProgress: (job) => line.show(jobProgressText(job)), pollMs: 500 }),
        });
        if (!params.quiet)
            line.show(jobProgressText(done));
        line.end();
        return done;
    }
    finally {
        line.end();
    }
}
/** job submit|get|list|cancel|await, trigger and workflows: thin commands over the SDK. */
function registerJobCommands(program) {
    const job = program.command('job').description('jobs: graphs of tasks');
    job
        .command('submit')
        .description('submit a job from a JSON file (- for stdin): { name, failurePolicy, tasks: [{ key, type, payload, dependsOn, target, broadcast }] }')
        .argument('<file>')
        .option('--json', 'print JSON instead of a table')
        .action(async (file, opts, command) => {
        const text = file === '-' ? await readStdin() : await readFile(file, 'utf8');
        // The server checks it and names every problem; parsing here would only say it less well.
        const body = parseJsonArg(text, file);
        const res = await clientFrom(command).jobs.submit(body);
        if (opts.json)
            return printJson(res);
        printJobGraph(res.job);
        for (const warning of res.warnings ?? [])
            process.stderr.write(`warning: ${warning}\n`);
    });
    job
        .command('get')
        .description("show a job's graph with each task's state")
        .argument('<id>')
        .option('--json', 'print JSON instead of a table')
        .action(async (id, opts, command) => {
        const found = await clientFrom(command).jobs.get({ jobId: id });
        if (opts.json)
            printJson(found);
        else
            printJobGraph(found);
    });
    job
        .command('list')
        .description('list jobs, newest first')
        .option('--state <states>', `comma-separated: ${JobStateSchema.options.join(', ')}`)
        .option('--limit <n>', 'at most this many', (v) => Number(v), 50)
        .option('--cursor <cursor>', 'continue from a previous page')
        .option('--json', 'print JSON instead of a table')
        .action(async (opts, command) => {
        const page = await clientFrom(command).jobs.list({ states: opts.state?.split(','), limit: opts.limit, cursor: opts.cursor });
        if (opts.json)
            return printJson(page);
        printTable([['ID', 'NAME', 'STATE', 'TASKS', 'SUBMITTED'], ...page.items.map((j) => [j.id, j.name, j.state, String(j.taskCount), j.submittedAt])]);
        if (page.nextCursor)
            process.stdout.write(`more: --cursor ${page.nextCursor}\n`);
    });
    job
        .command('cancel')
        .description('cancel a job: running tasks are asked to stop, the rest are cancelled')
        .argument('<id>')
        .option('--reason <text>')
        .action(async (id, opts, command) => printJobGraph(await clientFrom(command).jobs.cancel({ jobId: id, reason: opts.reason })));
    job
        .command('await')
        .description('wait for a job to end and print its graph')
        .argument('<id>')
        .option('--timeout <ms>', 'give up after this long', (v) => Number(v), 30_000)
        .option('--quiet', 'no progress on stderr')
        .option('--json', 'print JSON instead of a table')
        .action(async (id, opts, command) => {
        const done = await awaitJob({ command, jobId: id, timeoutMs: opts.timeout, quiet: Boolean(opts.quiet) });
        if (opts.json)
            printJson(done);
        else
            printJobGraph(done);
    });
    program
        .command('trigger')
        .description('fire a named event: the workflow it triggers starts one job')
        .argument('<event>')
        .option('--payload <json>', "the event's payload, read by the workflow's templates", '{}')
        .option('--wait', 'wait for the job to end, showing tasks done of total, then print it')
        .option('--timeout <ms>', 'with --wait: give up after this long', (v) => Number(v), 300_000)
        .option('--quiet', 'with --wait: no progress on stderr')
        .option('--json', 'print JSON instead of a table')
        .action(async (event, opts, command) => {
        const res = await clientFrom(command).jobs.trigger({ event, payload: parseJsonArg(opts.payload, '--payload') });
        for (const warning of res.warnings ?? [])
            process.stderr.write(`warning: ${warning}\n`);
        const job = opts.wait ? await awaitJob({ command, jobId: res.job.id, timeoutMs: opts.timeout, quiet: Boolean(opts.quiet) }) : res.job;
        if (opts.json)
            return printJson(opts.wait ? { job, warnings: res.warnings } : res);
        printJobGraph(job);
    });
    program
        .command('workflows')
        .description('list the workflows the server loaded and the events that start them')
        .option('--json', 'print JSON instead of a table')
        .action(async (opts, command) => {
        const items = await clientFrom(command).jobs.workflows();
        if (opts.json)
            return printJson({ items });
        printTable([['NAME', 'ON', 'STEPS', 'FILE'], ...items.map((w) => [w.name, w.on, w.steps.map((s) => s.key).join(' → '), w.file])]);
    });
}
async function readStdin() {
    const chunks = [];
    for await (const chunk of process.stdin)
        chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
}
export { registerJobCommands, printJobGraph };
//# sourceMappingURL=job-commands.js.map