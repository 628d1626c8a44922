import { fileURLToPath } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import { BatonClient } from '@baton/client';
import type { StoredEvent } from '@baton/core';
import { exitOf, startServerProcess } from '../e2e/server-process.js';
import { TEST_DATABASE_URL, dropSchema, testPool, uniqueSchema } from '../support/postgres.js';
import { startTcpProxy } from '../support/tcp-proxy.js';
import { makeTempDir } from '../support/temp-dir.js';
import { expect } from 'vitest';
import { checkFaultRun, summarize, type FaultReport, type FaultWindow, type LedgerEntry } from './fault-checker.js';
import { streamsSql, toStoredEvent, type EventRow } from '../../src/storage/postgres/pg-event-log.js';
import { pgNames } from '../../src/storage/postgres/pg-schema.js';

const HANDLERS = fileURLToPath(new URL('../cluster/fixtures/cluster-handlers.mjs', import.meta.url));
const LEASE_MS = 2_000;
const SCALE = Math.max(1, Number(process.env.BATON_FAULTS_SCALE ?? 1) || 1);
const TAIL_MS = 3_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface RigNode {
  name: string;
  host: string;
  url: string;
  child: ChildProcess;
  client: BatonClient;
}

/**
 * The fault suite's rig on one machine: PostgreSQL, `baton server` nodes on
 * 127.0.0.2, .3, .4 (each runs agents for the `shared` type), a load
 * generator that records every acknowledged submission, and the log read
 * straight from the database for the checker.
 */
async function startRig(params: { nodes?: number; viaProxy?: boolean; nodeEnv?: (index: number) => Record<string, string> } = {}) {
  const schema = uniqueSchema('faults');
  const tmp = makeTempDir('faults');
  const nodes: RigNode[] = [];
  let token: string | null = null;
  // With viaProxy, every node reaches the database through one proxy the scenario can cut, slow or silence.
  const target = new URL(TEST_DATABASE_URL);
  const proxy = params.viaProxy ? await startTcpProxy({ targetHost: target.hostname, targetPort: Number(target.port || 5432) }) : null;
  const database = new URL(TEST_DATABASE_URL);
  if (proxy) database.port = String(proxy.port);

  async function startNode(name: string, host: string, runTypes = 'shared'): Promise<RigNode> {
    const index = Number(name.slice(1)) - 1;
    const server = await startServerProcess({
      cwd: tmp.dir,
      env: { BATON_TEST_NODE: name, ...params.nodeEnv?.(index) },
      args: ['--host', host, '--database', database.toString(), '--schema', schema, '--handlers', HANDLERS, '--run-types', runTypes, '--lease', String(LEASE_MS), '--concurrency', '10', '--grace', '500'],
      timeoutMs: 30_000,
    });
    token ??= server.adminToken;
    // A frozen node holds requests open: a short deadline turns them into failures, which are never acknowledged.
    return { name, host, url: server.url, child: server.child, client: new BatonClient({ url: server.url, token: token ?? undefined, timeoutMs: 3_000 }) };
  }

  for (let i = 0; i < (params.nodes ?? 3); i++) nodes.push(await startNode(`n${i + 1}`, `127.0.0.${i + 2}`));

  const live = () => nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);

  return {
    schema,
    nodes,
    leaseMs: LEASE_MS,
    /** The proxy between the nodes and the database (viaProxy only). */
    proxy,
    async leader(): Promise<RigNode> {
      for (const node of live()) {
        const ready = (await (await fetch(`${node.url}/readyz`)).json()) as { leader: boolean };
        if (ready.leader) return node;
      }
      throw new Error('no node leads');
    },
    /** Adds a node on another address (one a remote agent can reach); `none` makes it API-only. */
    async addNode(params: { host: string; runTypes: string }): Promise<RigNode> {
      const node = await startNode(`n${nodes.length + 1}`, params.host, params.runTypes);
      nodes.push(node);
      return node;
    },
    /** The admin token of the rig's first node (all nodes share the database, so it works on every one). */
    token: () => token ?? '',
    /** Starts a node again on its address after a kill. */
    async restart(node: RigNode): Promise<void> {
      const fresh = await startNode(node.name, node.host);
      nodes[nodes.indexOf(node)] = fresh;
    },
    /**
     * Submits a task every `everyMs` for `ms`, round-robin over the nodes that
     * answer, each running `taskMs`. Only answered submissions enter the ledger:
     * a refused or failed request was never acknowledged.
     */
    async load(params: { ms: number; everyMs: number; taskMs: number; during?: () => Promise<void> }): Promise<{ ledger: LedgerEntry[]; refused: number }> {
      const ledger: LedgerEntry[] = [];
      let refused = 0;
      let turn = 0;
      // A larger run by hand: BATON_FAULTS_SCALE=3 loads three times as long at three times the rate.
      const until = Date.now() + params.ms * SCALE;
      const everyMs = Math.max(5, Math.round(params.everyMs / SCALE));
      const sends: Promise<void>[] = [];
      // The load outlasts the fault by TAIL_MS however long the fault takes (a restart's checkpoint can take seconds), so work after the heal is always part of the run.
      let healedAt: number | null = params.during ? null : 0;
      const fault = params.during?.().finally(() => {
        healedAt = Date.now();
      });
      while (Date.now() < until || healedAt === null || Date.now() < healedAt + TAIL_MS) {
        const targets = nodes.filter((n) => n.child.exitCode === null && n.child.signalCode === null);
        const node = targets[turn++ % Math.max(1, targets.length)];
        if (node) {
          sends.push(
            node.client.tasks
              .submit({ type: 'shared', payload: { ms: params.taskMs } })
              .then((res) => void ledger.push({ taskId: res.task.id, ackedAt: Date.now() }))
              .catch(() => void (refused += 1)),
          );
        }
        await sleep(everyMs);
      }
      await Promise.all(sends);
      await fault;
      return { ledger, refused };
    },
    /** Waits until every acknowledged task has ended, or the deadline passes (the checker then counts the rest as lost). */
    async settle(ledger: readonly LedgerEntry[], deadlineMs = 60_000): Promise<void> {
      const pool = testPool({ max: 1 });
      try {
        const until = Date.now() + deadlineMs;
        for (;;) {
          const { rows } = await pool.query(
            `SELECT count(*)::int AS open FROM "${schema}".tasks WHERE id = ANY($1::text[]) AND state NOT IN ('succeeded', 'failed', 'cancelled')`,
            [ledger.map((e) => e.taskId)],
          );
          if ((rows[0] as { open: number }).open === 0 || Date.now() > until) return;
          await sleep(200);
        }
      } finally {
        await pool.end();
      }
    },
    /**
     * One scenario: load for `ms` (tasks of `taskMs`) with `fault` started
     * 1.5 s in, then judged. `note` adds what the fault saw to the figures line.
     */
    async underFault(params: { name: string; ms: number; taskMs: number; fault: () => Promise<FaultWindow>; note?: () => string }): Promise<{ report: FaultReport; events: StoredEvent[]; ledger: LedgerEntry[] }> {
      let window = null as FaultWindow | null;
      const { ledger, refused } = await this.load({
        ms: params.ms,
        everyMs: 40,
        taskMs: params.taskMs,
        during: async () => {
          await sleep(1_500);
          window = await params.fault();
        },
      });
      const seen = params.note?.();
      const { report, events } = await this.judge({ name: params.name, ledger, faults: window ? [window] : [], note: `${seen ? `${seen}; ` : ''}refused while faulted: ${refused}` });
      return { report, events, ledger };
    },
    /**
     * Waits for the ledger's tasks to end, judges the log against the ledger,
     * prints the scenario's figures line (with `note`), and fails the test on
     * any loss, second end, stream out of order or stale write.
     */
    async judge(params: { name: string; ledger: readonly LedgerEntry[]; faults: readonly FaultWindow[]; note?: string; settleMs?: number }): Promise<{ report: FaultReport; events: StoredEvent[] }> {
      await this.settle(params.ledger, params.settleMs);
      const events = await this.events(params.ledger);
      const report = checkFaultRun({ ledger: params.ledger, events, faults: params.faults });
      const verdict = summarize(params.name, report);
      console.info(params.note ? `${verdict.line} (${params.note})` : verdict.line);
      expect(report).toMatchObject({ lost: [], duplicateTerminal: [], outOfOrder: [], staleWrites: [] });
      expect(verdict.ok).toBe(true);
      return { report, events };
    },
    /** The log of these tasks, straight from the database. */
    async events(ledger: readonly LedgerEntry[]): Promise<StoredEvent[]> {
      const pool = testPool({ max: 1 });
      try {
        // Read as the store reads its log: a task submitted in a batch has its first event in the batch's row (ADR 0034).
        const { rows } = await pool.query(streamsSql(pgNames(schema)), [ledger.map((e) => e.taskId)]);
        return (rows as EventRow[]).map(toStoredEvent);
      } finally {
        await pool.end();
      }
    },
    /** Ends every session of this rig's nodes on the database, as a failover or a proxy restart would. */
    async killConnections(): Promise<number> {
      const pool = testPool({ max: 1 });
      try {
        const { rows } = await pool.query(`SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()`, [`baton/${schema}`]);
        return (rows[0] as { n: number }).n;
      } finally {
        await pool.end();
      }
    },
    async stop(): Promise<void> {
      for (const node of nodes) {
        if (node.child.exitCode === null && node.child.signalCode === null) {
          node.child.kill('SIGCONT');
          node.child.kill('SIGTERM');
          await exitOf(node.child);
        }
      }
      await proxy?.close();
      tmp.remove();
      await dropSchema(schema);
    },
  };
}

type Rig = Awaited<ReturnType<typeof startRig>>;

export { startRig, sleep };
export type { Rig, RigNode };
