import type { HistoryResponse } from '@baton/core';
import type { HttpRequester } from './http-request.js';

/** /v1/history over HTTP. */
function createHistoryClient(http: HttpRequester) {
  return {
    /** The history of a task, job, agent, reminder or schedule; `asOf` (a Date or an event number) gives the state at that point. */
    get: (params: { id: string; asOf?: Date | number; after?: number; limit?: number }) =>
      http.request<HistoryResponse>({
        method: 'GET',
        path: `/v1/history/${encodeURIComponent(params.id)}`,
        query: {
          asOf: params.asOf === undefined ? undefined : params.asOf instanceof Date ? params.asOf.toISOString() : String(params.asOf),
          after: params.after?.toString(),
          limit: params.limit?.toString(),
        },
      }),
  };
}

type HistoryClient = ReturnType<typeof createHistoryClient>;

export { createHistoryClient };
export type { HistoryClient };
