import {
  BatonError,
  MAX_AWAIT_MS,
  type AwaitResponse,
  type SubmitBatchResponse,
  type SubmitResponse,
  type SubmitTaskBody,
  type TaskExplanation,
  type TaskListResponse,
  type TaskResource,
  type TaskState,
} from '@baton/core';
import type { HttpRequester } from './http-request.js';

type SubmitInput = Omit<SubmitTaskBody, 'runAt'> & { runAt?: string | number | Date };

function toBody(input: SubmitInput): Record<string, unknown> {
  return input.runAt instanceof Date ? { ...input, runAt: input.runAt.toISOString() } : { ...input };
}

/** /v1/tasks over HTTP. */
function createTasksClient(http: HttpRequester) {
  const enc = encodeURIComponent;
  return {
    submit: (input: SubmitInput) => http.request<SubmitResponse>({ method: 'POST', path: '/v1/tasks', body: toBody(input) }),
    submitMany: (params: { tasks: readonly SubmitInput[] }) =>
      http.request<SubmitBatchResponse>({ method: 'POST', path: '/v1/tasks/batch', body: { tasks: params.tasks.map(toBody) } }),
    get: (params: { taskId: string }) => http.request<TaskResource>({ method: 'GET', path: `/v1/tasks/${enc(params.taskId)}` }),
    /** Every reason the task is not running now (its run time, backoff, dependencies, pause, serial key, limits, agents). */
    explain: (params: { taskId: string }) => http.request<TaskExplanation>({ method: 'GET', path: `/v1/tasks/${enc(params.taskId)}/explain` }),
    list: (
      params: {
        states?: readonly TaskState[];
        types?: readonly string[];
        agent?: string;
        submittedAfter?: Date | string;
        submittedBefore?: Date | string;
        idempotencyKey?: string;
        order?: 'newest' | 'oldest';
        limit?: number;
        cursor?: string;
      } = {},
    ) =>
      http.request<TaskListResponse>({
        method: 'GET',
        path: '/v1/tasks',
        query: {
          state: params.states?.join(','),
          type: params.types?.join(','),
          agent: params.agent,
          submittedAfter: params.submittedAfter instanceof Date ? params.submittedAfter.toISOString() : params.submittedAfter,
          submittedBefore: params.submittedBefore instanceof Date ? params.submittedBefore.toISOString() : params.submittedBefore,
          idempotencyKey: params.idempotencyKey,
          order: params.order,
          limit: params.limit?.toString(),
          cursor: params.cursor,
        },
      }),
    cancel: (params: { taskId: string; reason?: string }) =>
      http.request<TaskResource>({ method: 'POST', path: `/v1/tasks/${enc(params.taskId)}/cancel`, body: params.reason ? { reason: params.reason } : {} }),
    /** Gives a failed or cancelled task more attempts (one by default); its history stays. */
    retry: (params: { taskId: string; attempts?: number; reason?: string }) =>
      http.request<TaskResource>({
        method: 'POST',
        path: `/v1/tasks/${enc(params.taskId)}/retry`,
        body: { ...(params.attempts ? { attempts: params.attempts } : {}), ...(params.reason ? { reason: params.reason } : {}) },
      }),
    /**
     * Long-polls until the task ends; throws AWAIT_TIMEOUT with the task still
     * unfinished at the deadline. With `onProgress`, asks at least every
     * `pollMs` (1 s by default) and passes on the task as it is meanwhile.
     */
    async await(params: { taskId: string; timeoutMs?: number; onProgress?: (task: TaskResource) => void; pollMs?: number }): Promise<TaskResource> {
      const deadline = Date.now() + (params.timeoutMs ?? 30_000);
      const poll = params.onProgress ? (params.pollMs ?? 1_000) : MAX_AWAIT_MS;
      for (;;) {
        const wait = Math.max(0, Math.min(poll, MAX_AWAIT_MS, deadline - Date.now()));
        const res = await http.request<AwaitResponse>({
          method: 'GET',
          path: `/v1/tasks/${enc(params.taskId)}/await`,
          query: { wait: `${wait}ms` },
          timeoutMs: wait + 10_000,
        });
        if (res.done) return res.task;
        params.onProgress?.(res.task);
        if (Date.now() >= deadline) {
          throw new BatonError({ code: 'AWAIT_TIMEOUT', message: `task ${params.taskId} is still ${res.task.state}`, taskId: params.taskId });
        }
      }
    },
  };
}

type TasksClient = ReturnType<typeof createTasksClient>;

export { createTasksClient };
export type { TasksClient, SubmitInput };
