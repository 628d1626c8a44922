import type { FailurePolicy, JobTaskRef, JobView } from './job-state.js';
import type { JobEvent, StoredJobEvent } from './job-events.js';

/** A job as the scheduler hands it to the store: its graph checked, its tasks' ids given. */
interface NewJob {
  jobId: string;
  name: string;
  failurePolicy: FailurePolicy;
  tasks: JobTaskRef[];
  workflow: string | null;
}

type JobCommand = ({ kind: 'SubmitJob' } & NewJob) | { kind: 'CancelJob'; jobId: string; reason: string };

type JobRefusal = { code: 'JOB_EXISTS' | 'JOB_NOT_FOUND' | 'JOB_FINISHED'; message: string };
type JobDecision = { ok: true; value: JobEvent[] } | { ok: false; error: JobRefusal };

/** The job decider: submission and cancel requests. How a job moves on as its tasks end is `advanceJob`. */
function decideJob(state: JobView | null, command: JobCommand): JobDecision {
  if (command.kind === 'SubmitJob') {
    if (state) return { ok: false, error: { code: 'JOB_EXISTS', message: `job ${command.jobId} already exists` } };
    const { name, failurePolicy, tasks, workflow } = command;
    return { ok: true, value: [{ type: 'JobSubmitted', data: { name, failurePolicy, tasks, workflow } }] };
  }
  if (!state) return { ok: false, error: { code: 'JOB_NOT_FOUND', message: `job ${command.jobId} does not exist` } };
  if (state.state !== 'running') return { ok: false, error: { code: 'JOB_FINISHED', message: `cannot cancel job ${state.id}: it is ${state.state}` } };
  if (state.cancelRequested) return { ok: true, value: [] };
  return { ok: true, value: [{ type: 'JobCancelRequested', data: { reason: command.reason } }] };
}

function evolveJob(state: JobView | null, event: StoredJobEvent): JobView {
  if (event.type === 'JobSubmitted') {
    return {
      id: event.streamId.slice('job:'.length),
      ...event.data,
      state: 'running',
      cancelRequested: false,
      failedKeys: [],
      endReason: null,
      submittedAt: event.time,
      updatedAt: event.time,
      submitSeq: event.seq,
      version: event.version,
    };
  }
  if (!state) throw new Error(`corrupt log: ${event.type} at seq ${event.seq} for a job that was never submitted`);
  const next = { ...state, updatedAt: event.time, version: event.version };
  switch (event.type) {
    case 'JobCancelRequested':
      return { ...next, cancelRequested: true, endReason: event.data.reason };
    case 'JobSucceeded':
      return { ...next, state: 'succeeded' };
    case 'JobFailed':
      return { ...next, state: 'failed', failedKeys: event.data.failedKeys };
    case 'JobCancelled':
      return { ...next, state: 'cancelled', endReason: event.data.reason };
  }
}

/** The state of one job stream: its events folded from nothing. */
function foldJob(events: readonly StoredJobEvent[]): JobView | null {
  let state: JobView | null = null;
  for (const event of events) state = evolveJob(state, event);
  return state;
}

export { decideJob, evolveJob, foldJob };
export type { NewJob, JobCommand, JobDecision, JobRefusal };
