import type { TaskListResponse, TaskResource } from '@baton/core';
import { h, replace } from '../dom.js';
import { relative, stateBadge } from '../format.js';
import { filterQuery, routeHref, type TaskFilters } from '../routes.js';
import { guarded, refreshOnEvents, TASK_STATES, type View, type ViewContext } from './view.js';

/** The task list with the API's filters; the filters live in the address, so a filtered list can be shared. */
function taskListView(ctx: ViewContext, filters: TaskFilters): View {
  const table = h('div', { class: 'table-host' });
  let shown: TaskResource[] = [];
  let nextCursor: string | null = null;
  const more = h('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => void guarded(table, loadMore) }, 'Load more');

  const read = async (cursor: string | null): Promise<TaskListResponse> => {
    const query = filterQuery(filters);
    const params = new URLSearchParams(query);
    params.set('limit', '50');
    if (cursor) params.set('cursor', cursor);
    return ctx.api.get<TaskListResponse>(`/v1/tasks?${params.toString()}`);
  };
  const draw = (): void => {
    const now = Date.now();
    more.hidden = nextCursor === null;
    if (shown.length === 0) {
      replace(table, h('p', { class: 'empty' }, 'No task matches these filters.'));
      return;
    }
    replace(
      table,
      h(
        'table',
        { class: 'tasks', 'data-testid': 'task-table' },
        h('thead', {}, h('tr', {}, ['Task', 'Type', 'State', 'Attempt', 'Agent', 'Submitted', 'Updated'].map((t) => h('th', {}, t)))),
        h(
          'tbody',
          {},
          shown.map((task) =>
            h(
              'tr',
              { 'data-task-id': task.id },
              h('td', {}, h('a', { href: routeHref({ name: 'task', id: task.id }), class: 'mono' }, task.id)),
              h('td', {}, task.type),
              h('td', {}, stateBadge(task.state)),
              h('td', {}, `${task.attempt} / ${task.maxAttempts}`),
              h('td', { class: 'mono' }, task.agentId ?? '—'),
              h('td', { title: task.submittedAt }, relative(task.submittedAt, now)),
              h('td', { title: task.updatedAt }, relative(task.updatedAt, now)),
            ),
          ),
        ),
      ),
    );
  };
  const refresh = async (): Promise<void> => {
    const page = await read(null);
    shown = page.items;
    nextCursor = page.nextCursor;
    draw();
  };
  const loadMore = async (): Promise<void> => {
    if (!nextCursor) return;
    const page = await read(nextCursor);
    shown = [...shown, ...page.items];
    nextCursor = page.nextCursor;
    draw();
  };

  const form = filterForm({ filters, apply: (next) => ctx.navigate(routeHref({ name: 'tasks', filters: next })) });
  const element = h('section', { class: 'view' }, h('h1', {}, 'Tasks'), form, table, more);
  void guarded(table, refresh);
  // Only the first page follows the log: pages the reader loaded by hand stay put.
  const stop = refreshOnEvents({ feed: ctx.feed, relevant: (e) => e.type.startsWith('Task'), refresh: () => guarded(table, refresh), waitMs: 500 });
  return { element, dispose: stop };
}

/** datetime-local inputs speak local time without a zone; the API wants ISO 8601 with one. */
const toIso = (local: string): string => (local ? new Date(local).toISOString() : '');
const toLocal = (iso: string): string => {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

function filterForm(params: { filters: TaskFilters; apply: (filters: TaskFilters) => void }): HTMLElement {
  const { filters } = params;
  const states = TASK_STATES.map((state) =>
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'state', value: state, checked: filters.state.includes(state) }), state),
  );
  const text = (name: string, label: string, value: string, placeholder: string) =>
    h('label', {}, label, h('input', { type: 'text', name, value, placeholder, maxlength: 200 }));
  const form = h(
    'form',
    { class: 'filters', 'aria-label': 'Task filters' },
    h('fieldset', {}, h('legend', {}, 'State'), states),
    text('type', 'Type', filters.type.join(','), 'email.send, report'),
    text('agent', 'Agent', filters.agent, 'agent id'),
    text('idempotencyKey', 'Idempotency key starts with', filters.idempotencyKey, 'order-'),
    h('label', {}, 'Submitted after', h('input', { type: 'datetime-local', name: 'submittedAfter', value: toLocal(filters.submittedAfter) })),
    h('label', {}, 'Submitted before', h('input', { type: 'datetime-local', name: 'submittedBefore', value: toLocal(filters.submittedBefore) })),
    h(
      'label',
      {},
      'Order',
      h('select', { name: 'order' }, h('option', { value: 'newest', selected: filters.order === 'newest' }, 'newest first'), h('option', { value: 'oldest', selected: filters.order === 'oldest' }, 'oldest first')),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, 'Apply'), h('a', { href: '#/tasks', class: 'button secondary' }, 'Clear')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(form as HTMLFormElement);
    const value = (name: string) => String(data.get(name) ?? '').trim();
    params.apply({
      state: data.getAll('state').map(String),
      type: value('type').split(',').map((s) => s.trim()).filter(Boolean),
      agent: value('agent'),
      idempotencyKey: value('idempotencyKey'),
      submittedAfter: toIso(value('submittedAfter')),
      submittedBefore: toIso(value('submittedBefore')),
      order: value('order') === 'oldest' ? 'oldest' : 'newest',
    });
  });
  return form;
}

export { taskListView };
