import type { ScheduleResource, StatsResponse, TaskListResponse, TypeControlResource } from '@baton/core';
import { confirmAction, toast } from '../confirm-dialog.js';
import { h, replace } from '../dom.js';
import { clockTime, relative, stateBadge } from '../format.js';
import { routeHref } from '../routes.js';
import { guarded, refreshOnEvents, type View, type ViewContext } from './view.js';

/** Schedules (pause, resume), reminders (the `reminder` tasks) and task types (pause, resume). */
function schedulesView(ctx: ViewContext): View {
  const body = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));

  const act = async (params: { title: string; message: string; label: string; path: string; done: string }): Promise<void> => {
    if (!(await confirmAction({ title: params.title, message: params.message, confirmLabel: params.label }))) return;
    try {
      await ctx.api.post(params.path, {});
      toast({ message: params.done });
      await refresh();
    } catch (error) {
      toast({ message: error instanceof Error ? error.message : String(error), kind: 'error' });
    }
  };

  const refresh = async (): Promise<void> => {
    const [schedules, reminders, types, stats] = await Promise.all([
      ctx.api.get<{ items: ScheduleResource[] }>('/v1/schedules'),
      ctx.api.get<TaskListResponse>('/v1/tasks?type=reminder&limit=50'),
      ctx.api.get<{ items: TypeControlResource[] }>('/v1/types'),
      ctx.api.get<StatsResponse>('/v1/stats'),
    ]);
    const now = Date.now();
    const paused = new Map(types.items.map((t) => [t.type, t]));
    const typeNames = [...new Set([...stats.tasks.map((t) => t.type), ...paused.keys()])].sort();
    const name = (s: ScheduleResource) => encodeURIComponent(s.name);
    replace(
      body,
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Schedules'),
        schedules.items.length === 0
          ? h('p', { class: 'empty' }, 'No schedule. Define one with POST /v1/schedules or `baton schedule set`.')
          : h(
              'table',
              { 'data-testid': 'schedule-table' },
              h('thead', {}, h('tr', {}, ['Name', 'Cron', 'Task type', 'State', 'Last tick', 'Next tick', ''].map((t) => h('th', {}, t)))),
              h('tbody', {}, schedules.items.map((s) =>
                h('tr', { 'data-schedule': s.name },
                  h('td', {}, s.name),
                  h('td', { class: 'mono' }, `${s.cron} (${s.timezone})`),
                  h('td', {}, String(s.task.type ?? '')),
                  h('td', {}, stateBadge(s.paused ? 'paused' : 'active')),
                  h('td', {}, s.lastTaskId ? h('a', { href: routeHref({ name: 'task', id: s.lastTaskId }) }, relative(s.lastTick, now)) : relative(s.lastTick, now)),
                  h('td', { title: s.nextTick ?? '' }, s.paused ? '—' : relative(s.nextTick, now)),
                  h('td', {}, s.paused
                    ? h('button', { type: 'button', class: 'secondary', 'data-action': 'resume-schedule', onclick: () => void act({ title: `Resume ${s.name}?`, message: 'It fires again; missed ticks follow its policy.', label: 'Resume', path: `/v1/schedules/${name(s)}/resume`, done: `${s.name} resumed` }) }, 'Resume')
                    : h('button', { type: 'button', class: 'secondary', 'data-action': 'pause-schedule', onclick: () => void act({ title: `Pause ${s.name}?`, message: 'It stops firing until resumed.', label: 'Pause', path: `/v1/schedules/${name(s)}/pause`, done: `${s.name} paused` }) }, 'Pause')),
                ),
              )),
            ),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Reminders'),
        reminders.items.length === 0
          ? h('p', { class: 'empty' }, 'No reminder. Define one with POST /api/v1/reminders.')
          : h('table', {}, h('thead', {}, h('tr', {}, ['Reminder', 'State', 'Due', 'Attempt'].map((t) => h('th', {}, t)))), h('tbody', {}, reminders.items.map((r) => h('tr', {}, h('td', {}, h('a', { href: routeHref({ name: 'task', id: r.id }), class: 'mono' }, r.id)), h('td', {}, stateBadge(r.state)), h('td', { title: clockTime(r.runAt) }, relative(r.runAt, now)), h('td', {}, `${r.attempt} / ${r.maxAttempts}`))))),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Task types'),
        typeNames.length === 0
          ? h('p', { class: 'empty' }, 'No task yet.')
          : h('table', { 'data-testid': 'type-table' }, h('thead', {}, h('tr', {}, ['Type', 'State', ''].map((t) => h('th', {}, t)))), h('tbody', {}, typeNames.map((type) => {
              const control = paused.get(type);
              const isPaused = control?.paused ?? false;
              const path = `/v1/types/${encodeURIComponent(type)}`;
              return h('tr', { 'data-type': type },
                h('td', {}, type),
                h('td', {}, stateBadge(isPaused ? 'paused' : 'active'), control?.reason ? h('span', { class: 'subtle' }, ` ${control.reason}`) : null),
                h('td', {}, isPaused
                  ? h('button', { type: 'button', class: 'secondary', 'data-action': 'resume-type', onclick: () => void act({ title: `Resume ${type}?`, message: 'Agents claim it again.', label: 'Resume', path: `${path}/resume`, done: `${type} resumed` }) }, 'Resume')
                  : h('button', { type: 'button', class: 'secondary', 'data-action': 'pause-type', onclick: () => void act({ title: `Pause ${type}?`, message: 'No agent claims it until resumed; running tasks finish.', label: 'Pause', path: `${path}/pause`, done: `${type} paused` }) }, 'Pause')),
              );
            }))),
      ),
    );
  };
  void guarded(body, refresh);
  const stop = refreshOnEvents({ feed: ctx.feed, relevant: (e) => e.subject.startsWith('schedule:') || e.type.startsWith('Type') || e.type.startsWith('Schedule'), refresh: () => guarded(body, refresh), waitMs: 500 });
  return { element: h('section', { class: 'view' }, h('h1', {}, 'Schedules, reminders and types'), body), dispose: stop };
}

export { schedulesView };
