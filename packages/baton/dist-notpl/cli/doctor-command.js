import { withDatabaseOptions } from './database-options.js';
import { runDoctor } from '../app/doctor.js';
import { printJson, printTable } from './task-output.js';
/** `baton doctor`: what a node needs before it starts, checked without changing anything; exits 1 on a failed check. */
function registerDoctorCommand(program) {
    withDatabaseOptions(program.command('doctor'))
        .description('check the configuration, the database, its migrations and the clock, changing nothing; exits 1 when a check fails')
        .option('--json', 'print JSON')
        .action(async (opts) => {
        const checks = await runDoctor({ database: opts.database, ...(opts.schema ? { schema: opts.schema } : {}) });
        if (opts.json)
            printJson({ ok: checks.every((c) => c.status !== 'fail'), checks });
        else
            printTable([['CHECK', 'STATUS', 'DETAIL'], ...checks.map((c) => [c.check, c.status, c.detail])]);
        if (checks.some((c) => c.status === 'fail'))
            process.exitCode = 1;
    });
}
export { registerDoctorCommand };
//# sourceMappingURL=doctor-command.js.map