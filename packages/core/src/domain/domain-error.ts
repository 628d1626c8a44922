import type { TaskState } from './task-state.js';

/** Why the domain refused a command. Codes are stable: they reach the HTTP error catalog. */
type DomainErrorCode =
  | 'TASK_NOT_FOUND'
  | 'TASK_EXISTS'
  | 'TASK_NOT_CLAIMABLE'
  | 'TASK_NOT_DUE'
  | 'TASK_NOT_RUNNING'
  | 'TASK_FINISHED'
  | 'STALE_LEASE'
  | 'LEASE_NOT_EXPIRED'
  | 'CANCEL_NOT_REQUESTED'
  | 'TASK_NOT_ENDED_IN_FAILURE'
  | 'TASK_NOT_BLOCKED'
  | 'TASK_NOT_BROADCAST'
  | 'TASK_IN_JOB';

interface DomainError {
  readonly code: DomainErrorCode;
  readonly message: string;
  readonly taskId: string;
  readonly state: TaskState | null;
}

type Decision<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: DomainError };

function refuse(params: { code: DomainErrorCode; taskId: string; state: TaskState | null; message: string }): {
  ok: false;
  error: DomainError;
} {
  return { ok: false, error: { ...params } };
}

export { refuse };
export type { DomainError, DomainErrorCode, Decision };
