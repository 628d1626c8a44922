import type { StatsResponse, TaskListResponse } from '@baton/core';
import { h, replace } from '../dom.js';
import { relative, stateBadge } from '../format.js';
import { routeHref, emptyFilters } from '../routes.js';
import { keepWindow, ratesOf, sampleOf, type StatsSample } from '../stats-history.js';
import { lineChart } from './line-chart.js';
import { guarded, refreshOnEvents, TASK_STATES, type View, type ViewContext } from './view.js';

const POLL_MS = 5_000;
const WINDOW_MS = 30 * 60_000;
const STORE_KEY = 'baton.stats-samples';
const CHARTED = ['queued', 'scheduled', 'running', 'blocked', 'failed'];

/** What this tab has seen of the stats, so the chart survives moving between pages (the tab's session only). */
function loadSamples(): StatsSample[] {
  try {
    const value = JSON.parse(sessionStorage.getItem(STORE_KEY) ?? '[]') as StatsSample[];
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

/** Counts by state and type, over time while the dashboard is open, throughput, agents and the latest failures. */
function overviewView(ctx: ViewContext): View {
  const body = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  let samples = loadSamples();
  const refresh = async (): Promise<void> => {
    const [stats, failures] = await Promise.all([ctx.api.get<StatsResponse>('/v1/stats'), ctx.api.get<TaskListResponse>('/v1/tasks?state=failed&limit=8')]);
    samples = keepWindow([...samples, sampleOf(stats)], WINDOW_MS);
    sessionStorage.setItem(STORE_KEY, JSON.stringify(samples));
    const latest = samples[samples.length - 1]!;
    const rates = ratesOf(samples);
    const types = [...new Set(stats.tasks.map((t) => t.type))].sort();
    const count = (type: string, state: string) => stats.tasks.find((t) => t.type === type && t.state === state)?.count ?? 0;
    const filtered = (state: string[], type: string[] = []) => routeHref({ name: 'tasks', filters: { ...emptyFilters(), state, type } });
    const now = Date.now();
    replace(
      body,
      h(
        'div',
        { class: 'cards', 'data-testid': 'state-counts' },
        TASK_STATES.map((state) => h('a', { class: 'stat', href: filtered([state]), 'data-state': state }, h('span', { class: 'stat-value' }, String(latest.byState[state] ?? 0)), stateBadge(state))),
        h('a', { class: 'stat', href: '#/agents' }, h('span', { class: 'stat-value' }, String(stats.agents.live)), h('span', {}, `agents live${stats.agents.lost ? `, ${stats.agents.lost} lost` : ''}`)),
        h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, String(stats.eventHead)), h('span', {}, 'events in the log')),
      ),
      h(
        'div',
        { class: 'two' },
        h('section', { class: 'card' }, h('h2', {}, 'Tasks by state'), lineChart({ label: 'tasks by state over time', series: CHARTED.map((state) => ({ name: state, points: samples.map((s) => ({ at: s.at, value: s.byState[state] ?? 0 })) })) }), h('p', { class: 'legend' }, CHARTED.map((s) => h('span', { class: `key line-${s}` }, s)))),
        h(
          'section',
          { class: 'card' },
          h('h2', {}, 'Throughput'),
          lineChart({ label: 'tasks ended per second', unit: '/s', series: [{ name: 'ended', points: rates.map((r) => ({ at: r.at, value: r.perSecond })) }, { name: 'failed', points: rates.map((r) => ({ at: r.at, value: r.failedPerSecond })) }] }),
          h('p', { class: 'legend' }, h('span', { class: 'key line-ended' }, `ended per second${rates.length ? ` (now ${rates[rates.length - 1]!.perSecond.toFixed(1)})` : ''}`), h('span', { class: 'key line-failed' }, 'failed per second')),
        ),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'By type'),
        types.length === 0
          ? h('p', { class: 'empty' }, 'No task yet.')
          : h('table', { 'data-testid': 'type-counts' }, h('thead', {}, h('tr', {}, h('th', {}, 'Type'), TASK_STATES.map((s) => h('th', {}, s)))), h('tbody', {}, types.map((type) => h('tr', {}, h('td', {}, h('a', { href: filtered([], [type]) }, type)), TASK_STATES.map((state) => h('td', { class: 'num' }, count(type, state) ? h('a', { href: filtered([state], [type]) }, String(count(type, state))) : '·')))))),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Latest failures'),
        failures.items.length === 0
          ? h('p', { class: 'empty' }, 'No failed task.')
          : h('ul', { class: 'failures' }, failures.items.map((t) => h('li', {}, h('a', { href: routeHref({ name: 'task', id: t.id }), class: 'mono' }, t.id), ` ${t.type} — ${t.errors[t.errors.length - 1]?.message ?? t.endReason ?? 'failed'} (${relative(t.updatedAt, now)})`))),
      ),
    );
  };
  void guarded(body, refresh);
  const timer = setInterval(() => void guarded(body, refresh), POLL_MS);
  // At most one extra read every 2 s however busy the log: the counts are a GROUP BY over every task.
  const stop = refreshOnEvents({ feed: ctx.feed, relevant: (e) => e.type.startsWith('Task') || e.type.startsWith('Agent'), refresh: () => guarded(body, refresh), waitMs: 2_000 });
  return {
    element: h('section', { class: 'view' }, h('h1', {}, 'Overview'), body),
    dispose: () => {
      clearInterval(timer);
      stop();
    },
  };
}

export { overviewView };
