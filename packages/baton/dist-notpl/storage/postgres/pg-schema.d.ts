/**
 * The one place a name is put into SQL text. The schema name comes from the
 * operator's configuration, never from a request, and is checked against a
 * strict pattern before it is quoted; every value is a bound parameter.
 */
interface PgNames {
    schema: string;
    /** `"schema"."table"`. */
    table(name: 'events' | 'tasks' | 'migrations' | 'agents' | 'agent_leases' | 'task_types' | 'api_tokens' | 'jobs' | 'flow_limits' | 'task_starts' | 'schedules'): string;
    /** `"schema"."events_seq_seq"`: the sequence PostgreSQL made for events.seq (a bigserial), named by its rule. */
    eventSeq: string;
    /** The LISTEN/NOTIFY channel of this schema, so two Batons in one database never hear each other. */
    channel: string;
}
declare function pgNames(schema: string): PgNames;
/** Advisory lock keys: one namespace for Baton, the second key hashed from the schema so schemas never block each other. */
declare const LOCK_NAMESPACE: {
    readonly migrate: 1650524161;
    readonly leader: 1650524162;
    readonly limits: 1650524163;
    readonly job: 1650524164;
    readonly rebuild: 1650524165;
};
/** The database clock in epoch milliseconds, unless a test pins the time with a bound value. */
declare function nowSql(param: string): string;
export { pgNames, nowSql, LOCK_NAMESPACE };
export type { PgNames };
//# sourceMappingURL=pg-schema.d.ts.map