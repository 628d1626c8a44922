import { describe, expect, it } from 'vitest';
import { layoutDag } from '../src/dag-layout.js';
import { emptyFilters, filterQuery, parseRoute, routeHref } from '../src/routes.js';
import { createSseParser, type SseMessage } from '../src/sse-parser.js';
import { keepWindow, ratesOf, sampleOf } from '../src/stats-history.js';
import { attemptsOf, collapseProgress } from '../src/views/task-timeline.js';

describe('the event-stream parser', () => {
  it('frames messages split anywhere across chunks, with CRLF, comments and multi-line data', () => {
    const text = ': keep-alive\r\n\r\nid: 7\r\nevent: TaskClaimed\r\ndata: {"a":\r\ndata: 1}\r\n\r\nid: 8\ndata: x\n\n';
    // Every way of cutting the body in two gives the same messages.
    for (let cut = 0; cut <= text.length; cut++) {
      const got: SseMessage[] = [];
      const parser = createSseParser((m) => got.push(m));
      parser.push(text.slice(0, cut));
      parser.push(text.slice(cut));
      expect(got, `cut at ${cut}`).toEqual([
        { id: '7', event: 'TaskClaimed', data: '{"a":\n1}' },
        { id: '8', event: 'message', data: 'x' },
      ]);
    }
  });

  it('holds back a message until its blank line arrives', () => {
    const got: SseMessage[] = [];
    const parser = createSseParser((m) => got.push(m));
    parser.push('id: 1\ndata: half');
    expect(got).toEqual([]);
    parser.push('\n\n');
    expect(got).toHaveLength(1);
  });
});

describe('the job graph layout', () => {
  it('puts each task right of everything it depends on, and every edge points right', () => {
    const layout = layoutDag([
      { key: 'publish', dependsOn: ['resize', 'scan'] },
      { key: 'fetch', dependsOn: [] },
      { key: 'resize', dependsOn: ['fetch'] },
      { key: 'scan', dependsOn: ['fetch'] },
      { key: 'late', dependsOn: ['publish', 'fetch'] },
    ]);
    const at = new Map(layout.nodes.map((n) => [n.key, n]));
    expect([...at.values()].map((n) => [n.key, n.level])).toEqual(expect.arrayContaining([['fetch', 0], ['resize', 1], ['scan', 1], ['publish', 2], ['late', 3]]));
    expect(layout.edges).toHaveLength(6);
    for (const edge of layout.edges) expect(at.get(edge.to)!.x).toBeGreaterThan(at.get(edge.from)!.x);
    // No two boxes overlap, and all lie inside the drawing.
    const boxes = layout.nodes.map((n) => `${n.x},${n.y}`);
    expect(new Set(boxes).size).toBe(boxes.length);
    for (const n of layout.nodes) expect(n.x + 168 <= layout.width && n.y + 44 <= layout.height).toBe(true);
  });

  it('survives a key it does not know and a cycle (the server refuses both) without looping', () => {
    const layout = layoutDag([
      { key: 'a', dependsOn: ['b', 'ghost'] },
      { key: 'b', dependsOn: ['a'] },
    ]);
    expect(layout.nodes).toHaveLength(2);
    expect(layout.edges.every((e) => e.from !== 'ghost')).toBe(true);
  });
});

describe('routes and filters', () => {
  it('reads every page from the hash and writes it back the same', () => {
    const filters = { ...emptyFilters(), state: ['failed', 'queued'], type: ['email.send'], order: 'oldest' as const, idempotencyKey: 'order-1' };
    for (const route of [{ name: 'overview' as const }, { name: 'tasks' as const, filters }, { name: 'task' as const, id: '01a/b c' }, { name: 'jobs' as const }, { name: 'job' as const, id: 'j1' }, { name: 'agents' as const }, { name: 'schedules' as const }]) {
      expect(parseRoute(routeHref(route))).toEqual(route);
    }
    expect(parseRoute('#/nowhere/at/all')).toEqual({ name: 'not-found', path: '/nowhere/at/all' });
  });

  it('sends only the filters that are set, in the API names', () => {
    expect(filterQuery(emptyFilters())).toBe('');
    expect(filterQuery({ ...emptyFilters(), state: ['failed'], agent: 'a 1' })).toBe('state=failed&agent=a+1');
  });
});

describe('the overview over time', () => {
  const stats = (at: string, succeeded: number, failed: number) => ({ at, tasks: [{ state: 'succeeded', type: 'a', count: succeeded }, { state: 'succeeded', type: 'b', count: 0 }, { state: 'failed', type: 'a', count: failed }] });

  it('turns counts into tasks ended per second, never negative when retention removes ended tasks', () => {
    const samples = [sampleOf(stats('2026-01-01T00:00:00Z', 10, 0)), sampleOf(stats('2026-01-01T00:00:05Z', 60, 5)), sampleOf(stats('2026-01-01T00:00:10Z', 0, 0))];
    expect(samples[1]!.byState).toEqual({ succeeded: 60, failed: 5 });
    expect(ratesOf(samples).map((r) => [r.perSecond, r.failedPerSecond])).toEqual([[11, 1], [0, 0]]);
  });

  it('keeps only the window it draws', () => {
    const samples = [0, 10, 20, 30].map((s) => sampleOf(stats(new Date(s * 60_000).toISOString(), 0, 0)));
    expect(keepWindow(samples, 15 * 60_000).map((s) => s.at)).toEqual([20 * 60_000, 30 * 60_000]);
  });
});

describe('a task history read for people', () => {
  const event = (type: string, data: unknown, version: number) => ({ seq: version, version, type, time: new Date(version * 1_000).toISOString(), data });

  it('makes one attempt per claim, ended by what ended it', () => {
    const history = [
      event('TaskSubmitted', {}, 1),
      event('TaskClaimed', { agentId: 'a1', token: 1, attempt: 1 }, 2),
      event('TaskLeaseExpired', { token: 1, attempt: 1 }, 3),
      event('TaskClaimed', { agentId: 'a2', token: 2, attempt: 2 }, 4),
      event('TaskAttemptFailed', { token: 2, attempt: 2, error: { name: 'Error', message: 'boom' } }, 5),
      event('TaskClaimed', { agentId: 'a2', token: 3, attempt: 3 }, 6),
    ];
    expect(attemptsOf(history).map((a) => [a.agentId, a.attempt, a.outcome, a.endedAt !== null])).toEqual([
      ['a1', 1, 'lease expired (agent lost)', true],
      ['a2', 2, 'failed: boom', true],
      ['a2', 3, 'running', false],
    ]);
  });

  it('shows a run of progress reports as its last one', () => {
    const history = [event('TaskClaimed', {}, 1), event('TaskProgressed', { progress: { done: 1 } }, 2), event('TaskProgressed', { progress: { done: 2 } }, 3), event('TaskProgressed', { progress: { done: 3 } }, 4), event('TaskSucceeded', {}, 5)];
    expect(collapseProgress(history).map((r) => [r.event.version, r.repeats])).toEqual([[1, 1], [4, 3], [5, 1]]);
  });
});
