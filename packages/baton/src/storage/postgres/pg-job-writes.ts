import type pg from 'pg';
import {
  BatonError,
  broadcastCopies,
  decide,
  delaysFromAcceptance,
  decideJob,
  agentsFor,
  type AgentView,
  type Decision,
  type JobEvent,
  type JobView,
  type SqlConnection,
  type TaskCommand,
  type TaskStore,
  type TaskView,
} from '@baton/core';
import type { createPgJobs, Staged } from './pg-jobs.js';
import type { PgNames } from './pg-schema.js';
import { encodeSignals } from './pg-signals.js';
import type { PgStatements } from './pg-statements.js';

type Queryable = SqlConnection;
type Pending = Staged;

/**
 * The job writes of the PostgreSQL store: submit a job, cancel it, fan
 * broadcast steps out, end the copies of a lost agent, and the cascade the
 * task writes run. Every one takes the job's lock before any of its tasks'.
 */
function createPgJobWrites(params: {
  pool: pg.Pool;
  names: PgNames;
  sql: PgStatements;
  pinnedNow: () => number | null;
  jobs: ReturnType<typeof createPgJobs>;
  transaction: <T>(fn: (q: Queryable) => Promise<T>) => Promise<T>;
  append: (q: Queryable, pending: readonly Pending[], now: number) => Promise<TaskView[]>;
  report: (taskId: string, makeCommand: (now: number, state: TaskView | null) => TaskCommand) => Promise<Decision<TaskView>>;
  /** A transaction tried again while a job's rows are busy (the cascade locks them NOWAIT). */
  retryWhenBusy: <T>(fn: (q: Queryable) => Promise<T>) => Promise<T>;
}) {
  const { pool, names, sql, pinnedNow, jobs, transaction, append, report, retryWhenBusy } = params;

  /** Locks the job's tasks and runs its cascade over them, with `changed` already applied; the caller appends what it staged. */
  async function settleJob(q: Queryable, job: JobView, changed: Record<string, TaskView>, staged: Map<string, Staged>, now: number): Promise<JobEvent[]> {
    const tasks = await jobs.lockTasks(q, job.id);
    for (const [id, task] of Object.entries(changed)) tasks.set(id, task);
    return jobs.cascade({ job, tasks, staged, now });
  }

  /** Appends the job's end and tells every node, so whoever awaits the job hears it. */
  async function endJob(q: Queryable, job: JobView, events: JobEvent[], now: number): Promise<JobView | null> {
    const view = await jobs.append(q, job, job.id, events, now);
    if (view && view.state !== 'running') {
      const payload = encodeSignals([{ kind: 'ended', taskIds: [view.id] }]);
      if (payload !== null) await q.query('SELECT pg_notify($1, $2)', [names.channel, payload]);
    }
    return view;
  }

  const methods: Pick<TaskStore, 'submitJob' | 'cancelJob' | 'getJob' | 'listJobs' | 'jobTasks' | 'fanOutBroadcasts' | 'abandonPinned'> = {
    submitJob: ({ job, tasks: accepted, sinceAccepted }) =>
      transaction(async (q) => {
        // Before the database reads its now, so the delays can only come out longer.
        const tasks = delaysFromAcceptance(accepted, sinceAccepted?.() ?? 0);
        const now = ((await q.query(sql.now, [pinnedNow()])).rows[0] as { now: number }).now;
        const decision = decideJob(null, { kind: 'SubmitJob', ...job });
        if (!decision.ok) throw new BatonError({ code: 'CONFIG_INVALID', message: decision.error.message });
        const view = (await jobs.append(q, null, job.jobId, decision.value, now)) as JobView;
        const pending = tasks.map((task): Pending => {
          const d = decide(null, { kind: 'Submit', ...task, now });
          if (!d.ok) throw new BatonError({ code: d.error.code, message: d.error.message, taskId: task.taskId });
          return { before: null, taskId: task.taskId, events: d.value };
        });
        return { job: view, tasks: await append(q, pending, now) };
      }),

    cancelJob: ({ jobId, reason }) =>
      retryWhenBusy(async (q) => {
        const job = await jobs.lock(q, jobId);
        const decision = decideJob(job, { kind: 'CancelJob', jobId, reason });
        if (!decision.ok) return decision;
        if (!job || decision.value.length === 0) return { ok: true, value: job as JobView };
        const now = ((await q.query(sql.now, [pinnedNow()])).rows[0] as { now: number }).now;
        const requested = (await jobs.append(q, job, jobId, decision.value, now)) as JobView;
        const staged = new Map<string, Staged>();
        const jobEvents = await settleJob(q, requested, {}, staged, now);
        await append(q, [...staged.values()], now);
        return { ok: true, value: ((await endJob(q, requested, jobEvents, now)) ?? requested) as JobView };
      }),

    getJob: ({ jobId }) => jobs.get(pool, jobId),
    listJobs: ({ states, limit, cursor }) => jobs.list(pool, states, limit, cursor),
    jobTasks: ({ jobId }) => jobs.tasksOf(pool, jobId),

    async fanOutBroadcasts({ limit, newId }) {
      const { rows } = await pool.query(sql.queuedSteps, [limit]);
      const fanned: TaskView[] = [];
      for (const { id, job_id: jobId } of rows as { id: string; job_id: string | null }[]) {
        const step = await transaction(async (q) => {
          // The job's lock first, as for every change to a job's tasks, so a cancel of the job sees the copies.
          if (jobId !== null) await jobs.lock(q, jobId);
          const { rows: locked } = await q.query(sql.loadForUpdate, [id, pinnedNow()]);
          const { now, doc: state } = locked[0] as { now: number; doc: TaskView | null };
          if (!state || state.state !== 'queued' || !state.broadcast) return null;
          const live = ((await q.query(sql.liveAgents, [pinnedNow()])).rows as { doc: AgentView }[]).map((r) => r.doc);
          const agentIds = agentsFor({ agents: live, type: state.type, target: state.target }).map((a) => a.id);
          if (agentIds.length === 0) return null;
          const childIds = agentIds.map(() => newId());
          const fan = decide(state, { kind: 'FanOut', taskId: id, agentIds, childIds });
          if (!fan.ok) return null;
          const pending: Pending[] = [{ before: state, taskId: id, events: fan.value }];
          for (const copy of broadcastCopies({ step: state, agentIds, childIds, now })) {
            const d = decide(null, { kind: 'Submit', ...copy, now });
            if (d.ok) pending.push({ before: null, taskId: copy.taskId, events: d.value });
          }
          return (await append(q, pending, now))[0] ?? null;
        });
        if (step) fanned.push(step);
      }
      return fanned;
    },

    async abandonPinned({ agentId }) {
      const { rows } = await pool.query(sql.pinned, [agentId]);
      const ended: TaskView[] = [];
      for (const { doc: copy } of rows as { doc: TaskView }[]) {
        const parent = copy.parentId === null ? null : (((await pool.query(sql.get, [copy.parentId])).rows[0] as { doc: TaskView } | undefined)?.doc ?? null);
        const decision = await report(copy.id, () => ({ kind: 'AbandonPinned', taskId: copy.id, policy: parent?.broadcast?.onAgentLost ?? 'fail' }));
        if (decision.ok) ended.push(decision.value);
      }
      return ended;
    },
  };

  return { settleJob, endJob, methods };
}

export { createPgJobWrites };
