interface DoctorCheck {
    check: 'configuration' | 'database' | 'migrations' | 'clock';
    status: 'ok' | 'warn' | 'fail';
    detail: string;
}
/**
 * `baton doctor`: checks what a node needs before it starts, without
 * changing anything (no migration, no write): the configuration, the
 * database (reachable, writable), its migrations against this Baton's, and
 * this machine's clock against the database's.
 */
declare function runDoctor(params: {
    database: string;
    schema?: string;
}): Promise<DoctorCheck[]>;
export { runDoctor };
export type { DoctorCheck };
//# sourceMappingURL=doctor.d.ts.map