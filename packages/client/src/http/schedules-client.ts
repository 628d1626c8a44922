import type { DefineScheduleBody, ScheduleResource } from '@baton/core';
import type { HttpRequester } from './http-request.js';

/** /v1/schedules over HTTP. */
function createSchedulesClient(http: HttpRequester) {
  const at = (name: string, action = '') => `/v1/schedules/${encodeURIComponent(name)}${action}`;
  return {
    /** Defines a schedule, or changes the one with that name. */
    define: (input: DefineScheduleBody) => http.request<ScheduleResource>({ method: 'POST', path: '/v1/schedules', body: input }),
    list: async () => (await http.request<{ items: ScheduleResource[] }>({ method: 'GET', path: '/v1/schedules' })).items,
    get: (params: { name: string }) => http.request<ScheduleResource>({ method: 'GET', path: at(params.name) }),
    pause: (params: { name: string }) => http.request<ScheduleResource>({ method: 'POST', path: at(params.name, '/pause'), body: {} }),
    resume: (params: { name: string }) => http.request<ScheduleResource>({ method: 'POST', path: at(params.name, '/resume'), body: {} }),
    remove: (params: { name: string }) => http.request<ScheduleResource>({ method: 'DELETE', path: at(params.name) }),
  };
}

type SchedulesClient = ReturnType<typeof createSchedulesClient>;

export { createSchedulesClient };
export type { SchedulesClient };
