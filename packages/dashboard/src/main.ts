import { ApiError, createApiClient, type ApiClient } from './api-client.js';
import { h, replace } from './dom.js';
import { startLiveFeed, type LiveFeed } from './live-feed.js';
import { parseRoute, type Route } from './routes.js';
import { agentsView } from './views/agents-view.js';
import { jobListView, jobView } from './views/job-view.js';
import { overviewView } from './views/overview-view.js';
import { schedulesView } from './views/schedules-view.js';
import { taskListView } from './views/task-list-view.js';
import { taskView } from './views/task-view.js';
import type { View, ViewContext } from './views/view.js';

/** The token stays for this tab's session only: closing the tab logs out. */
const TOKEN_KEY = 'baton.token';

const root = document.getElementById('app') as HTMLElement;

function showLogin(message: string | null): void {
  const input = h('input', { type: 'password', name: 'token', id: 'token', autocomplete: 'off', placeholder: 'bat_…', required: true, 'aria-label': 'API token' }) as HTMLInputElement;
  const error = h('p', { class: 'error', role: 'alert' }, message ?? '');
  const form = h(
    'form',
    { class: 'login card', 'aria-label': 'Log in' },
    h('h1', {}, 'Baton'),
    h('p', {}, 'Log in with an API token that has the read scope (the submit scope for cancel and retry, admin to pause types). `npm start` prints an admin token on the first start; POST /v1/tokens issues narrower ones.'),
    h('label', { for: 'token' }, 'Token'),
    input,
    error,
    h('button', { type: 'submit', class: 'primary' }, 'Log in'),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void tryLogin(input.value.trim(), error);
  });
  replace(root, form);
  input.focus();
}

async function tryLogin(token: string, error: HTMLElement): Promise<void> {
  const api = createApiClient({ token, onUnauthorized: () => undefined });
  try {
    await api.get('/v1/stats');
  } catch (e) {
    error.textContent = e instanceof ApiError && e.status === 401 ? 'This token is not valid (unknown, mistyped or revoked).' : e instanceof Error ? e.message : String(e);
    return;
  }
  sessionStorage.setItem(TOKEN_KEY, token);
  startApp(token);
}

function logout(message: string | null): void {
  sessionStorage.removeItem(TOKEN_KEY);
  stopApp();
  showLogin(message);
}

let stopApp: () => void = () => undefined;

function viewFor(ctx: ViewContext, route: Route): View {
  switch (route.name) {
    case 'overview':
      return overviewView(ctx);
    case 'tasks':
      return taskListView(ctx, route.filters);
    case 'task':
      return taskView(ctx, route.id);
    case 'jobs':
      return jobListView(ctx);
    case 'job':
      return jobView(ctx, route.id);
    case 'agents':
      return agentsView(ctx);
    case 'schedules':
      return schedulesView(ctx);
    case 'not-found':
      return { element: h('section', { class: 'view' }, h('h1', {}, 'Not found'), h('p', {}, `Nothing at ${route.path}.`)), dispose: () => undefined };
  }
}

function startApp(token: string): void {
  stopApp();
  let unauthorized = false;
  const api: ApiClient = createApiClient({
    token,
    onUnauthorized: () => {
      if (unauthorized) return;
      unauthorized = true;
      logout('The token was refused (revoked or expired): log in again.');
    },
  });
  const feed: LiveFeed = startLiveFeed({ api });
  const status = h('span', { class: 'feed-status', 'data-testid': 'feed-status' }, 'connecting');
  const stopStatus = feed.onStatus((s) => {
    status.textContent = s === 'live' ? '● live' : s;
    status.className = `feed-status ${s}`;
  });
  const links: [string, string][] = [['#/', 'Overview'], ['#/tasks', 'Tasks'], ['#/jobs', 'Jobs'], ['#/agents', 'Agents'], ['#/schedules', 'Schedules']];
  const nav = h('nav', { 'aria-label': 'Main' }, links.map(([href, label]) => h('a', { href, 'data-nav': label.toLowerCase() }, label)));
  const main = h('main', { id: 'main' });
  replace(
    root,
    h('header', { class: 'top' }, h('a', { href: '#/', class: 'brand' }, 'Baton'), nav, status, h('button', { type: 'button', class: 'secondary', 'data-action': 'logout', onclick: () => logout(null) }, 'Log out')),
    main,
    h('div', { id: 'toasts', 'aria-live': 'polite' }),
  );
  let current: View | null = null;
  const ctx: ViewContext = { api, feed, navigate: (hash) => void (location.hash = hash) };
  const show = (): void => {
    current?.dispose();
    const route = parseRoute(location.hash);
    const section = location.hash.replace(/^#\/?/, '').split(/[/?]/)[0] ?? '';
    for (const link of Array.from(nav.querySelectorAll('a'))) link.classList.toggle('active', (link.getAttribute('href') ?? '').replace(/^#\/?/, '') === section);
    current = viewFor(ctx, route);
    replace(main, current.element);
  };
  window.addEventListener('hashchange', show);
  show();
  stopApp = () => {
    window.removeEventListener('hashchange', show);
    current?.dispose();
    stopStatus();
    feed.close();
    stopApp = () => undefined;
  };
}

const saved = sessionStorage.getItem(TOKEN_KEY);
if (saved) startApp(saved);
else showLogin(null);
