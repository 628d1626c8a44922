import type Database from 'better-sqlite3';
import {
  advanceJob,
  decideJob,
  evolveJob,
  jobStreamId,
  type Decision,
  type JobCancelOutcome,
  type JobEvent,
  type JobPage,
  type JobState,
  type JobView,
  type NewJob,
  type NewTask,
  type StoredJobEvent,
  type TaskCommand,
  type TaskView,
} from '@baton/core';
import { decodeCursor, encodeCursor } from '../list-cursor.js';
import { createEventInsert } from './sqlite-event-log.js';

/** Rounds of `advanceJob` one change may take: each round settles at least one more level of the graph. */
const MAX_ROUNDS = 10_000;
/** Parsed task docs kept for job cascades; past this the cache starts over. */
const MAX_PARSED = 50_000;

/**
 * Jobs on SQLite: the `job:<id>` streams and their projection, and the job
 * cascade, run inside the transaction of the task change that set it off.
 */
function createSqliteJobs(params: {
  db: Database.Database;
  applyTask: (state: TaskView | null, command: TaskCommand, now: number) => Decision<TaskView>;
}) {
  const { db, applyTask } = params;
  const sql = {
    load: db.prepare<[string], { doc: string }>('SELECT doc FROM jobs WHERE id = ?'),
    insertEvent: createEventInsert(db),
    upsert: db.prepare(
      `INSERT INTO jobs (id, state, submit_seq, version, doc) VALUES (@id, @state, @submitSeq, @version, @doc)
       ON CONFLICT (id) DO UPDATE SET state = excluded.state, version = excluded.version, doc = excluded.doc`,
    ),
    tasksOf: db.prepare<[string], { doc: string }>('SELECT doc FROM tasks WHERE job_id = ? ORDER BY submit_seq'),
    versionsOf: db.prepare<[string], { id: string; version: number }>('SELECT id, version FROM tasks WHERE job_id = ? ORDER BY submit_seq'),
    taskDoc: db.prepare<[string], { doc: string }>('SELECT doc FROM tasks WHERE id = ?'),
  };
  /**
   * The job's tasks for its cascade, which runs on every end of one of them:
   * a doc is parsed again only when its row's version moved. Reading and
   * parsing every doc each time made a job's run cost O(n²) in its size.
   * A version names one fold of the task's stream, so a cached doc at the
   * row's version is the row's doc, whichever process wrote it.
   */
  const parsed = new Map<string, TaskView>();
  const cascadeTasks = (jobId: string): Map<string, TaskView> => {
    if (parsed.size > MAX_PARSED) parsed.clear();
    const tasks = new Map<string, TaskView>();
    for (const { id, version } of sql.versionsOf.all(jobId)) {
      let task = parsed.get(id);
      if (!task || task.version !== version) {
        const row = sql.taskDoc.get(id);
        if (!row) continue;
        task = JSON.parse(row.doc) as TaskView;
        parsed.set(id, task);
      }
      tasks.set(id, task);
    }
    return tasks;
  };
  const load = (jobId: string): JobView | null => {
    const row = sql.load.get(jobId);
    return row ? (JSON.parse(row.doc) as JobView) : null;
  };
  const tasksOf = (jobId: string): TaskView[] => sql.tasksOf.all(jobId).map((r) => JSON.parse(r.doc) as TaskView);

  function append(state: JobView | null, jobId: string, events: readonly JobEvent[], now: number): JobView | null {
    let next = state;
    let version = state?.version ?? 0;
    for (const event of events) {
      version += 1;
      const seq = sql.insertEvent({ stream_id: jobStreamId(jobId), version, type: event.type, data: event.data, time: now });
      next = evolveJob(next, { ...event, seq, streamId: jobStreamId(jobId), version, time: now } as StoredJobEvent);
    }
    if (next && next !== state) sql.upsert.run({ id: next.id, state: next.state, submitSeq: next.submitSeq, version: next.version, doc: JSON.stringify(next) });
    return next;
  }

  /** Runs the cascade to its end: unblock, cancel, end broadcast steps, end the job. */
  function advance(jobId: string, now: number): void {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const job = load(jobId);
      if (!job) return;
      const tasks = cascadeTasks(jobId);
      const { commands, events } = advanceJob({ job, tasks, now });
      if (commands.length === 0 && events.length === 0) return;
      let changed = events.length > 0;
      for (const command of commands) {
        const before = tasks.get(command.taskId) ?? null;
        const decision = applyTask(before, command, now);
        if (decision.ok && decision.value !== before) {
          changed = true;
          tasks.set(command.taskId, decision.value);
        }
      }
      if (events.length) append(job, jobId, events, now);
      if (!changed) return;
    }
    throw new Error(`job ${jobId} did not settle in ${MAX_ROUNDS} rounds`);
  }

  return {
    advance,
    submit(job: NewJob, tasks: readonly NewTask[], now: number): { job: JobView; tasks: TaskView[] } {
      const decision = decideJob(load(job.jobId), { kind: 'SubmitJob', ...job });
      if (!decision.ok) throw new Error(`store invariant broken: ${decision.error.message}`);
      const view = append(null, job.jobId, decision.value, now);
      const created = tasks.map((task) => {
        const d = applyTask(null, { kind: 'Submit', ...task, now }, now);
        if (!d.ok) throw new Error(`store invariant broken: ${d.error.message}`);
        return d.value;
      });
      return { job: view as JobView, tasks: created };
    },
    cancel(jobId: string, reason: string, now: number): JobCancelOutcome {
      const state = load(jobId);
      const decision = decideJob(state, { kind: 'CancelJob', jobId, reason });
      if (!decision.ok) return decision;
      append(state, jobId, decision.value, now);
      advance(jobId, now);
      return { ok: true, value: load(jobId) as JobView };
    },
    get: load,
    tasksOf,
    /** After the tables were rewritten (a rebuild), nothing parsed before is trusted. */
    forgetParsed: () => parsed.clear(),
    list(states: readonly JobState[] | undefined, limit: number, cursor: string | null): JobPage {
      const values: unknown[] = [];
      const where: string[] = [];
      if (states?.length) {
        where.push(`state IN (${states.map(() => '?').join(', ')})`);
        values.push(...states);
      }
      if (cursor !== null) {
        where.push('submit_seq < ?');
        values.push(decodeCursor(cursor));
      }
      const rows = db
        .prepare<unknown[], { doc: string }>(`SELECT doc FROM jobs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY submit_seq DESC LIMIT ?`)
        .all(...values, limit + 1);
      const items = rows.slice(0, limit).map((r) => JSON.parse(r.doc) as JobView);
      const last = items[items.length - 1];
      return { items, nextCursor: rows.length > limit && last ? encodeCursor(last.submitSeq) : null };
    },
  };
}

export { createSqliteJobs };
