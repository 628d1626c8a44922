import { beforeEach, describe, expect, it } from 'vitest';
import type pg from 'pg';
import { promoteStatement } from '../../src/storage/postgres/pg-due-promotion.js';
import { pgNames } from '../../src/storage/postgres/pg-schema.js';
import { pgStatements } from '../../src/storage/postgres/pg-statements.js';
import { postgresAvailable } from '../support/postgres.js';
import { pgStorePerTest } from '../support/pg-store-per-test.js';

/** The plan of a statement when only an index is a choice: what it shows is whether the statement can reach one. */
async function explain(pool: pg.Pool, text: string, values: unknown[]): Promise<string> {
  const client = await pool.connect();
  try {
    await client.query('SET enable_seqscan = off');
    const { rows } = await client.query(`EXPLAIN ${text}`, values);
    return (rows as { 'QUERY PLAN': string }[]).map((r) => r['QUERY PLAN']).join('\n');
  } finally {
    await client.query('RESET enable_seqscan');
    client.release();
  }
}

/**
 * The sweeps bound their index scans by the database's now. Read through a
 * join with the `n` CTE, the bound was a filter instead, and each promotion
 * read every scheduled task (140 ms with 50,000 scheduled for later). A plan
 * shows it on an empty table as well as on a full one.
 */
describe.runIf(postgresAvailable)('postgres: the sweeps bound their index scans by now', () => {
  const under = pgStorePerTest('plans');

  it('the promotion scans scheduled tasks only up to now', async () => {
    const text = await explain(under.pool, promoteStatement(pgNames(under.schema)), [null, 100, 'baton', 'agent-1', ['t'], 10, 30_000]);
    expect(text).toMatch(/Index Scan using tasks_due on tasks t\s.*\n\s+Index Cond: \(run_at <= /);
  });

  // With the claim's keys in a collation other than the tables it joins on, the claim sorted the whole queue (bench/RESULTS.md, history 43).
  it('the claim walks the claim index and looks up pauses and limits by key: it never sorts the queue', async () => {
    const text = await explain(under.pool, pgStatements(pgNames(under.schema)).claim, [['t'], 10, 'agent-1', null, 30_000]);
    expect(text).toMatch(/Index Scan using tasks_claim on tasks q/);
    expect(text).not.toMatch(/Sort Key: q\.priority/);
    expect(text).not.toMatch(/Seq Scan on (task_types|flow_limits)/);
  });

  it('the lease sweep scans running tasks only up to now', async () => {
    const text = await explain(under.pool, pgStatements(pgNames(under.schema)).expiredForUpdate, [null, 100]);
    expect(text).toMatch(/Index Scan using tasks_lease on tasks t\s.*\n\s+Index Cond: \(lease_expires_at <= /);
  });
});

/**
 * Lists read queued tasks, running tasks and the others through different
 * partial indexes (migrations 0009 and 0011): each branch of a page must read
 * through its index, never scan the table.
 */
describe.runIf(postgresAvailable)('postgres: a task list reads each branch through its index', () => {
  const under = pgStorePerTest('listplans');
  const plan = (p: { conditions: string[]; values: unknown[]; queued: boolean; running?: boolean; others: boolean; order?: 'newest' | 'oldest' }) =>
    explain(
      under.pool,
      pgStatements(pgNames(under.schema)).list({ conditions: p.conditions, order: p.order ?? 'newest', branches: { queued: p.queued, running: p.running ?? false, others: p.others } }),
      [51, ...p.values],
    );

  it('every task, newest first: queued through their own index, running through the lease index, the rest through the submission index', async () => {
    const text = await plan({ conditions: [], values: [], queued: true, running: true, others: true });
    expect(text).toMatch(/Index Scan Backward using tasks_queued_by_submission/);
    expect(text).toMatch(/using tasks_lease/);
    expect(text).toMatch(/Index Scan Backward using tasks_by_submission/);
    expect(text).not.toMatch(/Seq Scan/);
  });

  it("an agent's running tasks: the lease index only", async () => {
    const text = await plan({ conditions: ['agent_id = $2::text'], values: ['agent-1'], queued: false, running: true, others: false });
    expect(text).toMatch(/using tasks_lease/);
    expect(text).not.toMatch(/tasks_by_submission|tasks_queued_by_submission|Seq Scan/);
  });

  it('by state: failed tasks through the state index only; queued ones through theirs, oldest first', async () => {
    const failed = await plan({ conditions: ['state IN ($2::text)'], values: ['failed'], queued: false, others: true });
    expect(failed).toMatch(/Index Scan Backward using tasks_by_state/);
    expect(failed).not.toMatch(/tasks_queued_by_submission|Seq Scan/);
    const queued = await plan({ conditions: ['state IN ($2::text)'], values: ['queued'], queued: true, others: false, order: 'oldest' });
    expect(queued).toMatch(/Index Scan using tasks_queued_by_submission/);
    expect(queued).not.toMatch(/tasks_by_state|Seq Scan/);
  });

  it('by type: the rest through the type index, with no scan of the table', async () => {
    const text = await plan({ conditions: ['type IN ($2::text)'], values: ['t'], queued: true, others: true });
    expect(text).toMatch(/using tasks_by_type/);
    expect(text).not.toMatch(/Seq Scan/);
  });
});

/**
 * The log's readers expand batch rows (ADR 0034) and order by (row, place):
 * a page must walk its index and sort only within each row it reads, never
 * the whole log after the cursor (a subscriber far behind on a big log).
 */
describe.runIf(postgresAvailable)("postgres: the log's pages walk an index and sort only within a row", () => {
  const under = pgStorePerTest('logplans');
  // A Sort node, not an Incremental Sort nor a sort key.
  const noFullSort = /(^|->\s+)Sort\s+\(/m;
  // A log of 20,000 events, analyzed: on an empty table sorting everything is the cheap plan, and rightly.
  beforeEach(async () => {
    await under.pool.query(
      `INSERT INTO "${under.schema}".events (stream_id, version, type, type_version, data, time) SELECT 't-' || g, 1, 'TaskSubmitted', 4, '{}', 0 FROM generate_series(1, 20000) g`,
    );
    await under.pool.query(`ANALYZE "${under.schema}".events`);
  });

  it('readAll walks the primary key', async () => {
    const text = await explain(under.pool, pgStatements(pgNames(under.schema)).all, [0, 1_000]);
    expect(text).toMatch(/Index Scan using events_pkey on events e/);
    expect(text).toMatch(/Incremental Sort[\s\S]*Presorted Key: e\.seq/);
    expect(text).not.toMatch(noFullSort);
  });

  it('the feed walks the feed index', async () => {
    const text = await explain(under.pool, pgStatements(pgNames(under.schema)).feed, ['0', 0, 1_000]);
    expect(text).toMatch(/Index Scan using events_feed on events e/);
    expect(text).toMatch(/Incremental Sort[\s\S]*Presorted Key: e\.xid, e\.seq/);
    expect(text).not.toMatch(noFullSort);
  });
});
