import type { HistoryResponse, TaskExplanation, TaskResource } from '@baton/core';
import { confirmAction, toast } from '../confirm-dialog.js';
import { h, replace } from '../dom.js';
import { clockTime, jsonBlock, progressBar, relative, stateBadge } from '../format.js';
import { routeHref } from '../routes.js';
import { attemptsOf, collapseProgress, describeEvent } from './task-timeline.js';
import { ENDED, guarded, refreshOnEvents, type View, type ViewContext } from './view.js';

/** One task: state, actions, why it waits, progress, payload and result, attempts and the whole timeline. */
function taskView(ctx: ViewContext, id: string): View {
  const body = h('div', { class: 'task-body' }, h('p', { class: 'loading' }, 'Loading…'));
  const path = `/v1/tasks/${encodeURIComponent(id)}`;

  const act = async (params: { title: string; message: string; label: string; call: string; done: string }): Promise<void> => {
    if (!(await confirmAction({ title: params.title, message: params.message, confirmLabel: params.label, danger: true }))) return;
    try {
      await ctx.api.post(`${path}/${params.call}`, { reason: `${params.call} from the dashboard` });
      toast({ message: params.done });
      await refresh();
    } catch (error) {
      toast({ message: error instanceof Error ? error.message : String(error), kind: 'error' });
    }
  };

  const refresh = async (): Promise<void> => {
    const [task, history, explanation] = await Promise.all([
      ctx.api.get<TaskResource>(path),
      ctx.api.get<HistoryResponse>(`/v1/history/${encodeURIComponent(id)}?limit=10000`),
      ctx.api.get<TaskExplanation>(`${path}/explain`),
    ]);
    const now = Date.now();
    const ended = ENDED.has(task.state);
    const actions = h(
      'div',
      { class: 'actions' },
      !ended &&
        h('button', { type: 'button', class: 'danger', 'data-action': 'cancel', onclick: () => void act({ title: 'Cancel this task?', message: task.state === 'running' ? `Its agent (${task.agentId ?? '?'}) will be asked to stop it.` : 'It will not run.', label: 'Cancel task', call: 'cancel', done: 'Cancel requested' }) }, task.state === 'running' ? 'Cancel (ask the agent to stop)' : 'Cancel'),
      ended && task.state !== 'succeeded' && !task.jobId &&
        h('button', { type: 'button', class: 'primary', 'data-action': 'retry', onclick: () => void act({ title: 'Retry this task?', message: 'It gets one more attempt and goes back to the queue; its earlier attempts stay in its history.', label: 'Retry', call: 'retry', done: 'Retried' }) }, 'Retry'),
    );
    const facts: [string, Node | string][] = [
      ['Type', task.type],
      ['Attempt', `${task.attempt} / ${task.maxAttempts}`],
      ['Agent', task.agentId ?? '—'],
      ['Priority', String(task.priority)],
      ['Run at', `${clockTime(task.runAt)} (${relative(task.runAt, now)})`],
      ['Submitted', `${clockTime(task.submittedAt)} (${relative(task.submittedAt, now)})`],
      ['Lease until', task.leaseExpiresAt ? relative(task.leaseExpiresAt, now) : '—'],
      ['Job', task.jobId ? h('a', { href: routeHref({ name: 'job', id: task.jobId }) }, `${task.jobId} (${task.key ?? ''})`) : '—'],
      ['Depends on', task.dependsOn.length ? h('span', {}, task.dependsOn.map((d) => h('a', { href: routeHref({ name: 'task', id: d }), class: 'mono dep' }, d))) : '—'],
      ['Serial key', task.serialKey ?? '—'],
      ['Limit key', task.limitKey ?? '—'],
      ['Target', task.target ? `${task.target.service ?? '*'} ${(task.target.tags ?? []).join(', ')}` : 'any agent'],
      ['Idempotency key', task.idempotencyKey ?? '—'],
      ['End reason', task.endReason ?? '—'],
    ];
    const attempts = attemptsOf(history.events);
    replace(
      body,
      h('header', { class: 'task-head' }, h('h1', {}, task.type, ' ', stateBadge(task.state)), h('p', { class: 'mono subtle' }, task.id), actions),
      task.state === 'running' && progressBar(task.progress),
      h(
        'section',
        { class: 'card explain', 'data-testid': 'explanation' },
        h('h2', {}, ended ? 'Ended' : task.state === 'running' ? 'Running' : 'Why is it not running?'),
        explanation.reasons.length === 0
          ? h('p', {}, ended ? `It ended ${task.state}${task.endReason ? `: ${task.endReason}` : ''}.` : task.state === 'running' ? `On ${task.agentId ?? '?'}.` : 'Nothing holds it: an agent should claim it now.')
          : h('ul', {}, explanation.reasons.map((r) => h('li', { 'data-reason': r.code }, h('strong', {}, r.code), ' ', r.message))),
      ),
      h('section', { class: 'card' }, h('h2', {}, 'Details'), h('dl', { class: 'facts' }, facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))),
      h('div', { class: 'two' }, h('section', { class: 'card' }, h('h2', {}, 'Payload'), jsonBlock(task.payload)), h('section', { class: 'card' }, h('h2', {}, 'Result'), jsonBlock(task.result))),
      task.errors.length > 0 &&
        h(
          'section',
          { class: 'card' },
          h('h2', {}, 'Errors'),
          h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Attempt'), h('th', {}, 'At'), h('th', {}, 'Error'))), h('tbody', {}, task.errors.map((e) => h('tr', {}, h('td', {}, String(e.attempt)), h('td', {}, clockTime(e.at)), h('td', {}, h('pre', { class: 'error-text' }, `${e.name ?? 'Error'}: ${e.message}`)))))),
        ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Attempts'),
        attempts.length === 0
          ? h('p', { class: 'empty' }, 'Not claimed yet.')
          : h('table', { 'data-testid': 'attempts' }, h('thead', {}, h('tr', {}, ['#', 'Agent', 'Claimed', 'Ended', 'Outcome'].map((t) => h('th', {}, t)))), h('tbody', {}, attempts.map((a) => h('tr', {}, h('td', {}, String(a.attempt)), h('td', { class: 'mono' }, a.agentId), h('td', {}, clockTime(a.claimedAt)), h('td', {}, clockTime(a.endedAt)), h('td', {}, a.outcome))))),
      ),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Timeline'),
        h('ol', { class: 'timeline', 'data-testid': 'timeline' }, collapseProgress(history.events).map(({ event: e, repeats }) => h('li', { 'data-event': e.type }, h('time', { datetime: e.time }, clockTime(e.time)), h('span', { class: 'event-type' }, e.type), h('span', {}, describeEvent(e), repeats > 1 ? h('span', { class: 'subtle' }, ` (last of ${repeats} reports)`) : null)))),
      ),
    );
  };

  void guarded(body, refresh);
  const stop = refreshOnEvents({ feed: ctx.feed, relevant: (e) => e.subject === id, refresh: () => guarded(body, refresh), waitMs: 150 });
  return { element: h('section', { class: 'view' }, h('p', {}, h('a', { href: '#/tasks' }, '← Tasks')), body), dispose: stop };
}

export { taskView };
