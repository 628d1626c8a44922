import { randomBytes } from 'node:crypto';
import pg from 'pg';

/** Where the PostgreSQL suites run: BATON_TEST_DATABASE_URL, or the local server on its standard port. */
const TEST_DATABASE_URL = process.env.BATON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function probe(): Promise<string | null> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return (error as Error).message;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const unreachable = await probe();
if (unreachable !== null) {
  if (process.env.CI === 'true') {
    throw new Error(`PostgreSQL is required in CI but ${TEST_DATABASE_URL} cannot be reached: ${unreachable}`);
  }
  process.stderr.write(
    `PostgreSQL suites skipped: ${TEST_DATABASE_URL} cannot be reached (${unreachable}). Start PostgreSQL or set BATON_TEST_DATABASE_URL to run them.\n`,
  );
}

/** True when the PostgreSQL suites can run here (in CI they must: an unreachable server fails the run). */
const postgresAvailable = unreachable === null;

/** A schema name no other test run uses. */
function uniqueSchema(prefix = 't'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

function testPool(params: { max?: number } = {}): pg.Pool {
  const pool = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: params.max ?? 5, connectionTimeoutMillis: 5_000 });
  // An idle connection killed by the server must not crash the test process.
  pool.on('error', () => undefined);
  return pool;
}

async function dropSchema(schema: string): Promise<void> {
  const pool = testPool({ max: 1 });
  try {
    await pool.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await pool.end();
  }
}

export { postgresAvailable, TEST_DATABASE_URL, uniqueSchema, testPool, dropSchema };
