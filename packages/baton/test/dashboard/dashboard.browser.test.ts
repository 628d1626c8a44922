import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineTask } from '@baton/core';
import { createBaton, type Baton } from '../../src/app/create-baton.js';
import { createHttpServer } from '../../src/http/http-server.js';
import { tokenFor } from '../support/auth.js';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';

const work = defineTask({ type: 'work', schema: z.object({ ms: z.number().int().min(0) }) });
const flaky = defineTask({ type: 'flaky', schema: z.object({ why: z.string() }) });
const orphan = defineTask({ type: 'orphan', schema: z.object({}) });
const quiet = { warn: () => undefined, error: () => undefined };

/** Screenshots of each step, kept as test artifacts (CI keeps the folder). */
const ARTIFACTS = resolve('test-artifacts/dashboard');

/**
 * The dashboard in Debian's Chromium, driven by playwright-core, against a
 * real server on a real socket over a SQLite file, with an in-process agent
 * running the tasks. Nothing is mocked: every state the page shows came from
 * the API and the event stream.
 */
describe.runIf(chromiumAvailable)('the dashboard in Chromium', () => {
  let dir: string;
  let baton: Baton;
  let app: FastifyInstance;
  let url: string;
  let admin: string;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    dir = mkdtempSync(join(tmpdir(), 'baton-dashboard-'));
    baton = await createBaton({ database: `sqlite:${join(dir, 'baton.db')}`, definitions: [work, flaky, orphan], logger: quiet });
    app = await createHttpServer({ engine: baton.engine });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    admin = await tokenFor(baton, ['admin']);
    const agent = baton.agents.create({ id: 'agent-dash', concurrency: 4 });
    agent.handle(work, async ({ ms }, ctx) => {
      // Reports progress, and stops as soon as a cancel is asked for.
      const steps = Math.max(1, Math.ceil(ms / 100));
      for (let i = 0; i < steps; i++) {
        ctx.progress(i, steps, 'working');
        await new Promise<void>((done, fail) => {
          const stop = () => {
            clearTimeout(timer);
            fail(ctx.signal.reason);
          };
          const timer = setTimeout(() => {
            ctx.signal.removeEventListener('abort', stop);
            done();
          }, Math.min(100, ms));
          ctx.signal.addEventListener('abort', stop, { once: true });
        });
      }
      return { slept: ms };
    });
    agent.handle(flaky, async ({ why }) => {
      throw new Error(why);
    });
    await agent.start();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await baton?.close({ graceMs: 100 });
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    // A script error on the page fails the test, not just a missing element later.
    page.on('pageerror', (error) => {
      throw error;
    });
  });

  const shot = (name: string) => page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  const login = async () => {
    await page.goto(url);
    await page.fill('#token', admin);
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('[data-testid=feed-status].live');
  };
  const awaitTask = (taskId: string) => baton.tasks.await({ taskId, timeoutMs: 10_000 });

  it('refuses a wrong token, logs in with a real one and shows the counts by state', async () => {
    const { task } = await baton.tasks.submit({ type: 'work', payload: { ms: 0 } });
    await awaitTask(task.id);
    await page.goto(url);
    await page.fill('#token', 'bat_wrong_token');
    await page.click('form.login button[type=submit]');
    await expect.poll(() => page.textContent('form.login .error')).toContain('not valid');
    await page.fill('#token', admin);
    await page.click('form.login button[type=submit]');
    await page.waitForSelector('[data-testid=state-counts]');
    const succeeded = Number(await page.textContent('[data-testid=state-counts] [data-state=succeeded] .stat-value'));
    expect(succeeded).toBeGreaterThanOrEqual(1);
    await page.waitForSelector('[data-testid=feed-status].live');
    await shot('1-overview');
  });

  it('filters the task list by state and type, and the filters live in the address', async () => {
    const failed = await baton.tasks.submit({ type: 'flaky', payload: { why: 'the printer is on fire' }, maxAttempts: 1 });
    const ok = await baton.tasks.submit({ type: 'work', payload: { ms: 0 } });
    await Promise.all([awaitTask(failed.task.id), awaitTask(ok.task.id)]);
    await login();
    await page.click('[data-nav=tasks]');
    await page.waitForSelector('[data-testid=task-table]');
    expect(await page.$(`[data-task-id="${ok.task.id}"]`)).not.toBeNull();
    await page.check('form.filters input[name=state][value=failed]');
    await page.fill('form.filters input[name=type]', 'flaky');
    await page.click('form.filters button[type=submit]');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/tasks?state=failed&type=flaky');
    await expect.poll(() => page.$$eval('[data-testid=task-table] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-task-id')))).toContain(failed.task.id);
    const rows = await page.$$eval('[data-testid=task-table] tbody tr', (rows) => rows.map((r) => ({ id: r.getAttribute('data-task-id'), state: r.querySelector('[data-state]')?.getAttribute('data-state'), type: r.children[1]?.textContent })));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatchObject({ state: 'failed', type: 'flaky' });
    expect(rows.map((r) => r.id)).not.toContain(ok.task.id);
    await shot('2-task-list-filtered');
  });

  it('opens a task and shows its timeline, attempts, payload, result and error', async () => {
    const { task } = await baton.tasks.submit({ type: 'flaky', payload: { why: 'disk full' }, maxAttempts: 2, backoff: { baseMs: 10, factor: 1, maxMs: 10, jitter: 0 } });
    await awaitTask(task.id);
    await login();
    await page.goto(`${url}/#/tasks?type=flaky`);
    await page.click(`[data-task-id="${task.id}"] a`);
    await page.waitForSelector('[data-testid=timeline]');
    const events = await page.$$eval('[data-testid=timeline] li', (items) => items.map((li) => li.getAttribute('data-event')));
    expect(events).toEqual(['TaskSubmitted', 'TaskClaimed', 'TaskAttemptFailed', ...(events.includes('TaskReady') ? ['TaskReady'] : []), 'TaskClaimed', 'TaskAttemptFailed', 'TaskFailed']);
    expect(await page.$$eval('[data-testid=attempts] tbody tr', (rows) => rows.map((r) => r.children[4]?.textContent))).toEqual(['failed: disk full', 'failed: disk full']);
    expect(await page.textContent('.task-head [data-state]')).toBe('failed');
    expect(await page.textContent('pre.json')).toContain('disk full');
    expect(await page.$('button[data-action=retry]')).not.toBeNull();
    await shot('3-task-timeline');
  });

  it('says why a task is not running: no live agent runs its type', async () => {
    const { task } = await baton.tasks.submit({ type: 'orphan', payload: {} });
    await login();
    await page.goto(`${url}/#/tasks/${task.id}`);
    await page.waitForSelector('[data-testid=explanation] [data-reason]');
    expect(await page.$$eval('[data-testid=explanation] [data-reason]', (items) => items.map((i) => i.getAttribute('data-reason')))).toContain('no-agent');
    await shot('4-task-explain');
    await baton.tasks.cancel({ taskId: task.id });
  });

  it('opens a job and draws its graph, each node in its state', async () => {
    const { job } = await baton.jobs.submit({
      name: 'diamond',
      tasks: [
        { key: 'fetch', type: 'work', payload: { ms: 0 } },
        { key: 'resize', type: 'work', payload: { ms: 0 }, dependsOn: ['fetch'] },
        { key: 'scan', type: 'work', payload: { ms: 0 }, dependsOn: ['fetch'] },
        { key: 'publish', type: 'work', payload: { ms: 0 }, dependsOn: ['resize', 'scan'] },
      ],
    });
    await baton.jobs.await({ jobId: job.id, timeoutMs: 10_000 });
    await login();
    await page.click('[data-nav=jobs]');
    await page.click(`[data-job-id="${job.id}"] a`);
    await page.waitForSelector('[data-testid=job-graph]');
    const nodes = await page.$$eval('[data-testid=job-graph] .node', (els) => els.map((n) => [n.getAttribute('data-key'), n.getAttribute('data-state')]));
    expect(new Map(nodes as [string, string][])).toEqual(new Map([['fetch', 'succeeded'], ['resize', 'succeeded'], ['scan', 'succeeded'], ['publish', 'succeeded']]));
    const edges = await page.$$eval('[data-testid=job-graph] .edge', (els) => els.map((e) => `${e.getAttribute('data-from')}→${e.getAttribute('data-to')}`).sort());
    expect(edges).toEqual(['fetch→resize', 'fetch→scan', 'resize→publish', 'scan→publish']);
    // Columns follow the dependencies: publish is right of resize, which is right of fetch.
    const x = async (key: string) => Number(await page.getAttribute(`[data-testid=job-graph] .node[data-key=${key}] rect`, 'x'));
    expect(await x('resize')).toBeGreaterThan(await x('fetch'));
    expect(await x('publish')).toBeGreaterThan(await x('scan'));
    await shot('5-job-graph');
  });

  it('cancels a running task after confirmation and shows the state change live', async () => {
    const { task } = await baton.tasks.submit({ type: 'work', payload: { ms: 60_000 } });
    await expect.poll(async () => (await baton.tasks.get({ taskId: task.id })).state, { timeout: 5_000 }).toBe('running');
    await login();
    await page.goto(`${url}/#/tasks/${task.id}`);
    await page.waitForSelector('.task-head [data-state=running]');
    await page.waitForSelector('[role=progressbar]');
    await page.click('button[data-action=cancel]');
    await page.waitForSelector('dialog.confirm[open]');
    await shot('6-cancel-confirm');
    // "Keep it" leaves the task alone.
    await page.click('dialog.confirm button[data-action=dismiss]');
    expect((await baton.tasks.get({ taskId: task.id })).state).toBe('running');
    await page.click('button[data-action=cancel]');
    await page.click('dialog.confirm button[data-action=confirm]');
    // The agent stops the handler and confirms; the page hears TaskCancelled on the event stream.
    await page.waitForSelector('.task-head [data-state=cancelled]');
    expect((await baton.tasks.get({ taskId: task.id })).state).toBe('cancelled');
    expect(await page.$$eval('[data-testid=timeline] li', (items) => items.map((li) => li.getAttribute('data-event')))).toContain('TaskCancelRequested');
    await shot('7-cancelled');
  });

  it('follows changes made elsewhere without a reload', async () => {
    await login();
    await page.click('[data-nav=tasks]');
    await page.waitForSelector('[data-testid=task-table]');
    await page.evaluate(() => {
      (window as unknown as { marker: boolean }).marker = true;
    });
    const { task } = await baton.tasks.submit({ type: 'work', payload: { ms: 60_000 } });
    await page.waitForSelector(`[data-task-id="${task.id}"]`);
    await page.waitForSelector(`[data-task-id="${task.id}"] [data-state=running]`);
    await baton.tasks.cancel({ taskId: task.id });
    await page.waitForSelector(`[data-task-id="${task.id}"] [data-state=cancelled]`);
    // Still the same page: the rows changed through the event stream, not a navigation.
    expect(await page.evaluate(() => (window as unknown as { marker?: boolean }).marker)).toBe(true);
    await page.click('[data-nav=agents]');
    await page.waitForSelector('[data-agent-id=agent-dash] [data-state=live]');
    await page.click('[data-nav=schedules]');
    await page.waitForSelector('[data-testid=type-table] [data-type=work]');
    await shot('8-agents-schedules');
  });
});
