import {
  BatonError,
  MAX_AWAIT_MS,
  type JobResource,
  type JobState,
  type JobSummary,
  type SubmitJobBody,
  type WorkflowResource,
} from '@baton/core';
import type { HttpRequester } from './http-request.js';

interface JobResponse {
  job: JobResource;
  /** Present when there is something to know, such as a task no live agent can run yet. */
  warnings?: string[];
}

/** /v1/jobs, /v1/workflows and /v1/triggers over HTTP. */
function createJobsClient(http: HttpRequester) {
  const enc = encodeURIComponent;
  return {
    submit: (input: SubmitJobBody) => http.request<JobResponse>({ method: 'POST', path: '/v1/jobs', body: input }),
    get: async (params: { jobId: string }) => (await http.request<JobResponse>({ method: 'GET', path: `/v1/jobs/${enc(params.jobId)}` })).job,
    list: (params: { states?: readonly JobState[]; limit?: number; cursor?: string } = {}) =>
      http.request<{ items: JobSummary[]; nextCursor: string | null }>({
        method: 'GET',
        path: '/v1/jobs',
        query: { state: params.states?.join(','), limit: params.limit?.toString(), cursor: params.cursor },
      }),
    cancel: async (params: { jobId: string; reason?: string }) =>
      (await http.request<JobResponse>({ method: 'POST', path: `/v1/jobs/${enc(params.jobId)}/cancel`, body: params.reason ? { reason: params.reason } : {} })).job,
    /**
     * Long-polls until the job ends; throws AWAIT_TIMEOUT with the job still
     * running at the deadline. With `onProgress`, asks at least every `pollMs`
     * (1 s by default) and passes on the job as it is meanwhile.
     */
    async await(params: { jobId: string; timeoutMs?: number; onProgress?: (job: JobResource) => void; pollMs?: number }): Promise<JobResource> {
      const deadline = Date.now() + (params.timeoutMs ?? 30_000);
      const poll = params.onProgress ? (params.pollMs ?? 1_000) : MAX_AWAIT_MS;
      for (;;) {
        const wait = Math.max(0, Math.min(poll, MAX_AWAIT_MS, deadline - Date.now()));
        const res = await http.request<{ done: boolean; job: JobResource }>({ method: 'GET', path: `/v1/jobs/${enc(params.jobId)}/await`, query: { wait: `${wait}ms` }, timeoutMs: wait + 10_000 });
        if (res.done) return res.job;
        params.onProgress?.(res.job);
        if (Date.now() >= deadline) throw new BatonError({ code: 'AWAIT_TIMEOUT', message: `job ${params.jobId} is still ${res.job.state}` });
      }
    },
    /** The workflows the server loaded, with the events that start them. */
    workflows: async () => (await http.request<{ items: WorkflowResource[] }>({ method: 'GET', path: '/v1/workflows' })).items,
    /** Fires a named event: the workflow it triggers starts one job. */
    trigger: (params: { event: string; payload?: unknown }) =>
      http.request<JobResponse>({ method: 'POST', path: `/v1/triggers/${enc(params.event)}`, body: params.payload === undefined ? {} : { payload: params.payload } }),
  };
}

type JobsClient = ReturnType<typeof createJobsClient>;

export { createJobsClient };
export type { JobsClient, JobResponse };
