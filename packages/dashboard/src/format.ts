import { h } from './dom.js';

/** A time as "12 s ago" or "in 3 min", against `now`. */
function relative(iso: string | null, now: number): string {
  if (!iso) return '—';
  const ms = Date.parse(iso) - now;
  const abs = Math.abs(ms);
  const text = abs < 1_000 ? `${abs} ms` : abs < 60_000 ? `${Math.round(abs / 1_000)} s` : abs < 3_600_000 ? `${Math.round(abs / 60_000)} min` : abs < 86_400_000 ? `${Math.round(abs / 3_600_000)} h` : `${Math.round(abs / 86_400_000)} d`;
  return ms <= 0 ? `${text} ago` : `in ${text}`;
}

/** A time in the reader's own zone, to the second. */
function clockTime(iso: string | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return `${date.toLocaleDateString()} ${date.toLocaleTimeString()}`;
}

function stateBadge(state: string): HTMLElement {
  return h('span', { class: `badge state-${state}`, 'data-state': state }, state);
}

/** A value as indented JSON in a <pre>; undefined and null show as a dash. */
function jsonBlock(value: unknown): HTMLElement {
  return h('pre', { class: 'json' }, value === undefined || value === null ? '—' : JSON.stringify(value, null, 2));
}

/** `{done, total, message}` from ctx.progress, or null when the task reported none. */
function progressOf(value: unknown): { done: number; total: number; message: string | null } | null {
  if (typeof value !== 'object' || value === null) return null;
  const p = value as { done?: unknown; total?: unknown; message?: unknown };
  if (typeof p.done !== 'number' || typeof p.total !== 'number') return null;
  return { done: p.done, total: p.total, message: typeof p.message === 'string' ? p.message : null };
}

function progressBar(value: unknown): HTMLElement | null {
  const p = progressOf(value);
  if (!p) return null;
  const share = p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0;
  const fill = h('div', { class: 'progress-fill' });
  // Through the CSSOM: the page's content security policy refuses inline style attributes.
  fill.style.width = `${Math.round(share * 100)}%`;
  return h(
    'div',
    { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': p.total, 'aria-valuenow': p.done },
    fill,
    h('span', { class: 'progress-text' }, `${p.done} / ${p.total}${p.message ? ` — ${p.message}` : ''}`),
  );
}

export { relative, clockTime, stateBadge, jsonBlock, progressBar, progressOf };
