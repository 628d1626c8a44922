import type { AgentListResponse } from '@baton/core';
import { h, replace } from '../dom.js';
import { relative, stateBadge } from '../format.js';
import { routeHref } from '../routes.js';
import { guarded, refreshOnEvents, type View, type ViewContext } from './view.js';

function loadBar(load: number, running: number, concurrency: number): HTMLElement {
  const fill = h('div', { class: 'progress-fill' });
  fill.style.width = `${Math.round(Math.min(1, load) * 100)}%`;
  return h('div', { class: 'progress small', title: `${running} of ${concurrency} slots` }, fill, h('span', { class: 'progress-text' }, `${running} / ${concurrency}`));
}

/** The agent registry: liveness, labels, the types each runs, its load and the tasks it holds. */
function agentsView(ctx: ViewContext): View {
  const body = h('div', {}, h('p', { class: 'loading' }, 'Loading…'));
  const refresh = async (): Promise<void> => {
    const { items } = await ctx.api.get<AgentListResponse>('/v1/agents');
    const now = Date.now();
    replace(
      body,
      items.length === 0
        ? h('p', { class: 'empty' }, 'No agent has registered. Start one with `baton agent` or baton.agents.create().')
        : h(
            'table',
            { 'data-testid': 'agent-table' },
            h('thead', {}, h('tr', {}, ['Agent', 'State', 'Host', 'Service / tags', 'Types', 'Load', 'Holds', 'Last seen'].map((t) => h('th', {}, t)))),
            h(
              'tbody',
              {},
              items.map((a) =>
                h(
                  'tr',
                  { 'data-agent-id': a.id },
                  h('td', { class: 'mono' }, a.id),
                  h('td', {}, stateBadge(a.state), a.endReason ? h('div', { class: 'subtle' }, a.endReason) : null),
                  h('td', {}, a.host),
                  h('td', {}, `${a.labels.service ?? '—'}${a.labels.tags.length ? ` · ${a.labels.tags.join(', ')}` : ''}`),
                  h('td', {}, a.types.join(', ')),
                  h('td', {}, loadBar(a.load, a.running, a.concurrency)),
                  h('td', {}, a.taskIds.length === 0 ? '—' : a.taskIds.map((id) => h('a', { href: routeHref({ name: 'task', id }), class: 'mono dep' }, id))),
                  h('td', { title: a.lastSeenAt ?? '' }, relative(a.lastSeenAt, now)),
                ),
              ),
            ),
          ),
    );
  };
  void guarded(body, refresh);
  // Claims and ends change the load; registrations and losses change the rows.
  const stop = refreshOnEvents({ feed: ctx.feed, relevant: (e) => e.type.startsWith('Agent') || e.type === 'TaskClaimed' || e.type === 'TaskSucceeded' || e.type === 'TaskAttemptFailed', refresh: () => guarded(body, refresh), waitMs: 1_000 });
  const poll = setInterval(() => void guarded(body, refresh), 10_000);
  return {
    element: h('section', { class: 'view' }, h('h1', {}, 'Agents'), body),
    dispose: () => {
      stop();
      clearInterval(poll);
    },
  };
}

export { agentsView };
