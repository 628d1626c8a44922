import type { Command } from 'commander';
/** `baton doctor`: what a node needs before it starts, checked without changing anything; exits 1 on a failed check. */
declare function registerDoctorCommand(program: Command): void;
export { registerDoctorCommand };
//# sourceMappingURL=doctor-command.d.ts.map