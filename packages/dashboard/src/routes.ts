/** The task list's filters: the same as GET /v1/tasks takes. */
interface TaskFilters {
  state: string[];
  type: string[];
  agent: string;
  idempotencyKey: string;
  submittedAfter: string;
  submittedBefore: string;
  order: 'newest' | 'oldest';
}

type Route =
  | { name: 'overview' }
  | { name: 'tasks'; filters: TaskFilters }
  | { name: 'task'; id: string }
  | { name: 'jobs' }
  | { name: 'job'; id: string }
  | { name: 'agents' }
  | { name: 'schedules' }
  | { name: 'not-found'; path: string };

const FILTER_KEYS = ['state', 'type', 'agent', 'idempotencyKey', 'submittedAfter', 'submittedBefore', 'order'] as const;

const emptyFilters = (): TaskFilters => ({ state: [], type: [], agent: '', idempotencyKey: '', submittedAfter: '', submittedBefore: '', order: 'newest' });

const list = (value: string | null): string[] => (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);

function filtersFrom(params: URLSearchParams): TaskFilters {
  return {
    state: list(params.get('state')),
    type: list(params.get('type')),
    agent: params.get('agent') ?? '',
    idempotencyKey: params.get('idempotencyKey') ?? '',
    submittedAfter: params.get('submittedAfter') ?? '',
    submittedBefore: params.get('submittedBefore') ?? '',
    order: params.get('order') === 'oldest' ? 'oldest' : 'newest',
  };
}

/** The filters as a query string (without `?`), in the API's own names, leaving out what is empty or the default. */
function filterQuery(filters: TaskFilters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    const text = Array.isArray(value) ? value.join(',') : value;
    if (text === '' || (key === 'order' && text === 'newest')) continue;
    params.set(key, text);
  }
  return params.toString();
}

/** Reads the location hash (`#/tasks/…`): the dashboard is one page, so the server only ever serves `/`. */
function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '') || '/';
  const [path = '/', query = ''] = raw.split('?', 2);
  const parts = path.split('/').filter(Boolean).map((p) => decodeURIComponent(p));
  const [head, id, ...rest] = parts;
  if (rest.length > 0) return { name: 'not-found', path };
  if (head === undefined) return { name: 'overview' };
  if (head === 'tasks') return id === undefined ? { name: 'tasks', filters: filtersFrom(new URLSearchParams(query)) } : { name: 'task', id };
  if (head === 'jobs') return id === undefined ? { name: 'jobs' } : { name: 'job', id };
  if (head === 'agents' && id === undefined) return { name: 'agents' };
  if (head === 'schedules' && id === undefined) return { name: 'schedules' };
  return { name: 'not-found', path };
}

/** The hash that leads to a route. */
function routeHref(route: Route): string {
  switch (route.name) {
    case 'overview':
      return '#/';
    case 'tasks': {
      const query = filterQuery(route.filters);
      return query ? `#/tasks?${query}` : '#/tasks';
    }
    case 'task':
      return `#/tasks/${encodeURIComponent(route.id)}`;
    case 'jobs':
      return '#/jobs';
    case 'job':
      return `#/jobs/${encodeURIComponent(route.id)}`;
    case 'agents':
      return '#/agents';
    case 'schedules':
      return '#/schedules';
    case 'not-found':
      return `#${route.path}`;
  }
}

export { parseRoute, routeHref, filterQuery, emptyFilters };
export type { Route, TaskFilters };
