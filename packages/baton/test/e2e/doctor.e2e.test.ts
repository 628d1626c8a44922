import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBaton } from '../../src/app/create-baton.js';
import { dropSchema, postgresAvailable, TEST_DATABASE_URL, uniqueSchema } from '../support/postgres.js';
import { makeTempDir } from '../support/temp-dir.js';
import { runCli } from './server-process.js';

const quiet = { warn: () => undefined, error: () => undefined };
type Report = { ok: boolean; checks: { check: string; status: string; detail: string }[] };

describe('baton doctor, as a real process', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  beforeEach(() => {
    tmp = makeTempDir('doctor');
  });
  afterEach(() => tmp.remove());

  const doctor = async (...args: string[]) => {
    const run = await runCli({ args: ['doctor', ...args, '--json'], cwd: tmp.dir });
    expect(run.stderr).not.toMatch(/\n\s+at /);
    return { code: run.code, report: JSON.parse(run.stdout) as Report };
  };
  const statusOf = (report: Report) => Object.fromEntries(report.checks.map((c) => [c.check, c.status]));

  it('SQLite: a file not made yet is a warning; a current one is all ok, as a table too', async () => {
    const path = join(tmp.dir, 'baton.db');
    const fresh = await doctor('--database', `sqlite:${path}`);
    expect(fresh.code).toBe(0);
    expect(statusOf(fresh.report)).toEqual({ configuration: 'ok', database: 'warn', clock: 'ok' });
    expect(fresh.report.checks.find((c) => c.check === 'database')?.detail).toBe(`${path} does not exist yet; baton server creates it`);

    const baton = await createBaton({ database: `sqlite:${path}`, logger: quiet });
    await baton.close();
    const current = await doctor('--database', `sqlite:${path}`);
    expect(current.code).toBe(0);
    expect(current.report.ok).toBe(true);
    expect(statusOf(current.report)).toEqual({ configuration: 'ok', database: 'ok', migrations: 'ok', clock: 'ok' });
    expect(current.report.checks.find((c) => c.check === 'migrations')?.detail).toMatch(/^all \d+ applied$/);
    const table = await runCli({ args: ['doctor', '--database', `sqlite:${path}`], cwd: tmp.dir });
    expect(table.stdout).toMatch(/^CHECK\s+STATUS\s+DETAIL\n/);
    expect(table.stdout).toMatch(/migrations\s+ok\s+all \d+ applied/);
  });

  it('SQLite: a migration missing is a warning, one from a newer Baton a failure with exit code 1; nothing is changed', async () => {
    const path = join(tmp.dir, 'baton.db');
    const baton = await createBaton({ database: `sqlite:${path}`, logger: quiet });
    await baton.close();
    const db = new Database(path);
    const last = db.prepare('SELECT max(id) AS id FROM baton_migrations').pluck().get() as number;
    db.prepare('DELETE FROM baton_migrations WHERE id = ?').run(last);
    db.close();
    const pending = await doctor('--database', `sqlite:${path}`);
    expect(pending.code).toBe(0);
    expect(pending.report.checks.find((c) => c.check === 'migrations')).toMatchObject({ status: 'warn', detail: expect.stringMatching(new RegExp(`^1 of ${last} not applied yet \\(${last} `)) });
    // The doctor applied nothing.
    const again = new Database(path);
    expect(again.prepare('SELECT count(*) FROM baton_migrations WHERE id = ?').pluck().get(last)).toBe(0);
    again.prepare("INSERT INTO baton_migrations (id, name, applied_at) VALUES (?, 'from the future', 0), (?, 'restored', 0)").run(999, last);
    again.close();
    const newer = await doctor('--database', `sqlite:${path}`);
    expect(newer.code).toBe(1);
    expect(newer.report.ok).toBe(false);
    expect(newer.report.checks.find((c) => c.check === 'migrations')?.detail).toBe(`${path} was migrated by a newer Baton (migrations 999 are unknown here): upgrade Baton`);
  });

  it('a database address it cannot read is a failed configuration, said in one line', async () => {
    const bad = await doctor('--database', 'mysql://db.internal/app');
    expect(bad.code).toBe(1);
    expect(bad.report.checks).toEqual([{ check: 'configuration', status: 'fail', detail: 'database: unknown scheme in "mysql:"; use sqlite:PATH or postgres://…' }]);
  });

  it.runIf(postgresAvailable)('PostgreSQL: reachable, migrated, clock compared; a schema not made yet is a warning; no server is a failure', async () => {
    const schema = uniqueSchema('doctor');
    try {
      const notYet = await doctor('--database', TEST_DATABASE_URL, '--schema', schema);
      expect(notYet.code).toBe(0);
      expect(statusOf(notYet.report)).toEqual({ configuration: 'ok', database: 'ok', migrations: 'warn', clock: 'ok' });
      const baton = await createBaton({ database: TEST_DATABASE_URL, schema, logger: quiet });
      await baton.close();
      const current = await doctor('--database', TEST_DATABASE_URL, '--schema', schema);
      expect(current.code).toBe(0);
      expect(statusOf(current.report)).toEqual({ configuration: 'ok', database: 'ok', migrations: 'ok', clock: 'ok' });
      expect(current.report.checks.find((c) => c.check === 'clock')?.detail).toMatch(/^within \d+ ms of the database's/);
      expect(current.report.checks.find((c) => c.check === 'database')?.detail).toMatch(/PostgreSQL \d+/);
    } finally {
      await dropSchema(schema);
    }
    const down = await doctor('--database', 'postgres://postgres@127.0.0.1:1/test');
    expect(down.code).toBe(1);
    expect(statusOf(down.report)).toEqual({ configuration: 'ok', database: 'fail', migrations: 'fail', clock: 'fail' });
    expect(down.report.checks.find((c) => c.check === 'database')?.detail).toMatch(/^postgres:\/\/postgres@127\.0\.0\.1:1\/test: .*ECONNREFUSED/);
  }, 30_000);
});

