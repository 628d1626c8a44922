import { BatonError } from '@baton/core';

/** PostgreSQL folds unquoted names to lower case; we accept only names that need no quoting rules beyond ours. */
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,47}$/;

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

function pgNames(schema: string): PgNames {
  if (!SCHEMA_NAME.test(schema)) {
    throw new BatonError({
      code: 'CONFIG_INVALID',
      message: `database schema "${schema}": use 1 to 48 characters of a-z, 0-9 and _, not starting with a digit`,
    });
  }
  return {
    schema,
    table: (name) => `"${schema}"."${name}"`,
    eventSeq: `"${schema}"."events_seq_seq"`,
    channel: `${schema}_signals`,
  };
}

/** Advisory lock keys: one namespace for Baton, the second key hashed from the schema so schemas never block each other. */
const LOCK_NAMESPACE = { migrate: 0x6261_0001, leader: 0x6261_0002, limits: 0x6261_0003, job: 0x6261_0004, rebuild: 0x6261_0005 } as const;

/** The database clock in epoch milliseconds, unless a test pins the time with a bound value. */
function nowSql(param: string): string {
  return `COALESCE(${param}::bigint, (extract(epoch from clock_timestamp()) * 1000)::bigint)`;
}

/**
 * One reading of the database clock as two columns: `ms`, as `nowSql` gives
 * it (rounded to whole milliseconds, what event times and the rows' times
 * store), and `clock`, to the microsecond. A due time is judged against
 * `clock`: run times keep their fraction (ADR 0036), and judged against the
 * reading rounded to whole milliseconds a task could be made ready the half
 * millisecond before it is due. The submit's clock bound reads it too
 * (pg-clock-bound.ts). A pinned test time stands for both (rounded, for `ms`).
 */
function preciseNowSql(param: string): string {
  return `COALESCE(${param}::float8::bigint, c.x::bigint) AS ms, COALESCE(${param}::float8, c.x::float8) AS clock
    FROM (SELECT extract(epoch from clock_timestamp()) * 1000 AS x) c`;
}

export { pgNames, nowSql, preciseNowSql, LOCK_NAMESPACE };
export type { PgNames };
