import type { JobResource, JobSummary } from '@baton/core';
import { confirmAction, toast } from '../confirm-dialog.js';
import { h, replace } from '../dom.js';
import { clockTime, relative, stateBadge } from '../format.js';
import { routeHref } from '../routes.js';
import { jobGraph } from './job-graph.js';
import { ENDED, guarded, refreshOnEvents, type View, type ViewContext } from './view.js';

/** One job: its graph drawn with each task's state, the table of its tasks, and cancel. */
function jobView(ctx: ViewContext, id: string): View {
  const body = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  const path = `/v1/jobs/${encodeURIComponent(id)}`;
  let taskIds = new Set<string>();

  const cancel = async (): Promise<void> => {
    if (!(await confirmAction({ title: 'Cancel this job?', message: 'Its running tasks are asked to stop and the rest are cancelled.', confirmLabel: 'Cancel job', danger: true }))) return;
    try {
      await ctx.api.post(`${path}/cancel`, { reason: 'cancelled from the dashboard' });
      toast({ message: 'Job cancel requested' });
      await refresh();
    } catch (error) {
      toast({ message: error instanceof Error ? error.message : String(error), kind: 'error' });
    }
  };

  const refresh = async (): Promise<void> => {
    const { job } = await ctx.api.get<{ job: JobResource }>(path);
    taskIds = new Set(job.tasks.map((t) => t.taskId));
    const done = job.tasks.filter((t) => ENDED.has(t.state)).length;
    replace(
      body,
      h(
        'header',
        { class: 'task-head' },
        h('h1', {}, job.name, ' ', stateBadge(job.state)),
        h('p', { class: 'mono subtle' }, job.id),
        h('p', {}, `${done} of ${job.tasks.length} tasks ended · failure policy ${job.failurePolicy}${job.workflow ? ` · workflow ${job.workflow}` : ''} · submitted ${clockTime(job.submittedAt)}`),
        job.endReason && h('p', {}, `Ended: ${job.endReason}`),
        !ENDED.has(job.state) && h('div', { class: 'actions' }, h('button', { type: 'button', class: 'danger', 'data-action': 'cancel-job', onclick: () => void cancel() }, 'Cancel job')),
      ),
      h('section', { class: 'card graph-card' }, h('h2', {}, 'Graph'), h('div', { class: 'graph-scroll' }, jobGraph(job.tasks))),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Tasks'),
        h(
          'table',
          {},
          h('thead', {}, h('tr', {}, ['Key', 'Type', 'State', 'Depends on', 'Agent', 'Attempt'].map((t) => h('th', {}, t)))),
          h('tbody', {}, job.tasks.map((t) => h('tr', { 'data-key': t.key }, h('td', {}, h('a', { href: routeHref({ name: 'task', id: t.taskId }) }, t.key)), h('td', {}, t.type), h('td', {}, stateBadge(t.state)), h('td', {}, t.dependsOn.join(', ') || '—'), h('td', { class: 'mono' }, t.agentId ?? '—'), h('td', {}, `${t.attempt} / ${t.maxAttempts}`)))),
        ),
      ),
    );
  };
  void guarded(body, refresh);
  const stop = refreshOnEvents({ feed: ctx.feed, relevant: (e) => e.subject === `job:${id}` || taskIds.has(e.subject), refresh: () => guarded(body, refresh), waitMs: 200 });
  return { element: h('section', { class: 'view' }, h('p', {}, h('a', { href: '#/jobs' }, '← Jobs')), body), dispose: stop };
}

/** Jobs, newest first. */
function jobListView(ctx: ViewContext): View {
  const body = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  const refresh = async (): Promise<void> => {
    const { items } = await ctx.api.get<{ items: JobSummary[] }>('/v1/jobs?limit=100');
    const now = Date.now();
    replace(
      body,
      items.length === 0
        ? h('p', { class: 'empty' }, 'No job yet. Submit one with POST /v1/jobs or `baton job submit`.')
        : h(
            'table',
            { 'data-testid': 'job-table' },
            h('thead', {}, h('tr', {}, ['Job', 'Name', 'State', 'Tasks', 'Submitted'].map((t) => h('th', {}, t)))),
            h('tbody', {}, items.map((j) => h('tr', { 'data-job-id': j.id }, h('td', {}, h('a', { href: routeHref({ name: 'job', id: j.id }), class: 'mono' }, j.id)), h('td', {}, j.name), h('td', {}, stateBadge(j.state)), h('td', {}, String(j.taskCount)), h('td', { title: j.submittedAt }, relative(j.submittedAt, now))))),
          ),
    );
  };
  void guarded(body, refresh);
  const stop = refreshOnEvents({ feed: ctx.feed, relevant: (e) => e.type.startsWith('Job'), refresh: () => guarded(body, refresh), waitMs: 500 });
  return { element: h('section', { class: 'view' }, h('h1', {}, 'Jobs'), body), dispose: stop };
}

export { jobView, jobListView };
