import { clientFrom, parseJsonArg } from './task-commands.js';
import { printJson, printTable } from './task-output.js';
function printSchedules(items) {
    printTable([
        ['NAME', 'CRON', 'ZONE', 'TYPE', 'STATE', 'LAST TICK', 'NEXT TICK'],
        ...items.map((s) => [s.name, s.cron, s.timezone, String(s.task.type ?? '?'), s.paused ? 'paused' : 'active', s.lastTick ?? '-', s.nextTick ?? '-']),
    ]);
}
/** One schedule as a one-row table, or JSON with `--json`; `remove` answers with the schedule as it was. */
function printSchedule(schedule, opts) {
    if (opts.json)
        printJson(schedule);
    else
        printSchedules([schedule]);
}
/** schedule add|list|pause|resume|remove: thin commands over the SDK. */
function registerScheduleCommands(program) {
    const schedule = program.command('schedule').description('recurring tasks by cron expression and time zone');
    schedule
        .command('add')
        .description('define a schedule, or change the one with this name')
        .argument('<name>')
        .requiredOption('--cron <expr>', 'five fields (minute hour day month weekday), or six with seconds first')
        .requiredOption('--type <type>', 'the task type each tick submits')
        .option('--payload <json>', 'the payload each tick submits', 'null')
        .option('--tz <zone>', 'IANA time zone', 'UTC')
        .option('--overlap <policy>', 'skip (default) or allow a tick while the previous one runs', 'skip')
        .option('--missed <policy>', 'after downtime: run-once (default) or skip', 'run-once')
        .option('--json', 'print JSON instead of a table')
        .action(async (name, opts, command) => {
        printSchedule(await clientFrom(command).schedules.define({
            name,
            cron: opts.cron,
            timezone: opts.tz,
            task: { type: opts.type, payload: parseJsonArg(opts.payload, '--payload') },
            overlap: opts.overlap,
            missed: opts.missed,
        }), opts);
    });
    schedule
        .command('list')
        .description('every schedule, with its last and next tick')
        .option('--json', 'print JSON instead of a table')
        .action(async (opts, command) => {
        const items = await clientFrom(command).schedules.list();
        if (opts.json)
            printJson({ items });
        else
            printSchedules(items);
    });
    for (const [verb, description] of [
        ['pause', 'stop firing a schedule until resumed'],
        ['resume', 'fire a schedule again'],
        ['remove', 'remove a schedule; its history stays in the log'],
    ]) {
        schedule
            .command(verb)
            .description(description)
            .argument('<name>')
            .option('--json', 'print JSON instead of a table')
            .action(async (name, opts, command) => printSchedule(await clientFrom(command).schedules[verb]({ name }), opts));
    }
}
export { registerScheduleCommands };
//# sourceMappingURL=schedule-commands.js.map