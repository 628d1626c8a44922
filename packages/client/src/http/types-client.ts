import type { TypeControlResource } from '@baton/core';
import type { HttpRequester } from './http-request.js';

/** /v1/types over HTTP: pause and resume a task type across the cluster. */
function createTypesClient(http: HttpRequester) {
  const enc = encodeURIComponent;
  return {
    list: () => http.request<{ items: TypeControlResource[] }>({ method: 'GET', path: '/v1/types' }),
    pause: (params: { taskType: string; reason?: string }) =>
      http.request<TypeControlResource>({ method: 'POST', path: `/v1/types/${enc(params.taskType)}/pause`, body: params.reason ? { reason: params.reason } : {} }),
    resume: (params: { taskType: string }) => http.request<TypeControlResource>({ method: 'POST', path: `/v1/types/${enc(params.taskType)}/resume`, body: {} }),
  };
}

type TypesClient = ReturnType<typeof createTypesClient>;

export { createTypesClient };
export type { TypesClient };
