import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Leadership } from '@baton/core';
import { createPgLeadership } from '../../src/storage/postgres/pg-leadership.js';
import { TEST_DATABASE_URL, postgresAvailable, testPool, uniqueSchema } from '../support/postgres.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(check: () => boolean, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(10);
  }
  return Date.now() - started;
}

describe.runIf(postgresAvailable)('postgres: leadership by advisory lock', () => {
  let schema: string;
  const made: Leadership[] = [];
  const contender = (name: string) => {
    const l = createPgLeadership({ connectionString: TEST_DATABASE_URL, schema, applicationName: `${schema}/${name}`, checkIntervalMs: 100, onError: () => undefined });
    made.push(l);
    return l;
  };
  beforeEach(() => {
    schema = uniqueSchema('lead');
  });
  afterEach(async () => {
    await Promise.all(made.splice(0).map((l) => l.close()));
  });

  it('gives the lead to exactly one node, and elects one again when the leader\'s session is killed', async () => {
    const nodes = { a: contender('a'), b: contender('b'), c: contender('c') };
    await until(() => Object.values(nodes).some((n) => n.isLeader()), 3_000);
    await sleep(300);
    const leaders = Object.entries(nodes).filter(([, n]) => n.isLeader());
    expect(leaders).toHaveLength(1);
    const [leaderName, leader] = leaders[0]!;

    const changes: boolean[] = [];
    leader.onChange((value) => changes.push(value));
    const admin = testPool({ max: 1 });
    try {
      const { rows } = await admin.query('SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1', [`${schema}/${leaderName}`]);
      expect(rows[0].n).toBe(1);
    } finally {
      await admin.end();
    }
    // The killed session's node steps down; then some node (it may be the same one, on a fresh session) leads again.
    await until(() => changes.includes(false), 2_000);
    const failoverMs = await until(() => Object.values(nodes).some((n) => n.isLeader()), 3_000);
    await sleep(300);
    expect(Object.values(nodes).filter((n) => n.isLeader())).toHaveLength(1);
    expect(failoverMs).toBeLessThan(1_500);
  });

  it('hands the lead over at once when the leader closes', async () => {
    const a = contender('a');
    await until(() => a.isLeader(), 3_000);
    const b = contender('b');
    await sleep(300);
    expect(b.isLeader()).toBe(false);
    await a.close();
    expect(a.isLeader()).toBe(false);
    await until(() => b.isLeader(), 1_000);
  });
});
