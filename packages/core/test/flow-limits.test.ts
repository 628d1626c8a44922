import { describe, expect, it } from 'vitest';
import { capacityOf, decideLimits, pickWithinLimits, renderTemplate, unknownRoots, type FlowLimitsView } from '../src/index.js';

const limits = (scope: string, concurrency: number | null, rate: { count: number; intervalMs: number } | null = null): FlowLimitsView => ({ scope, concurrency, rate, updatedAt: 0, version: 1 });

describe('limits', () => {
  it('records a change only', () => {
    expect(decideLimits(null, { kind: 'SetLimits', scope: 'type:a', concurrency: 2, rate: null })).toEqual([{ type: 'LimitsSet', data: { concurrency: 2, rate: null } }]);
    expect(decideLimits(limits('type:a', 2), { kind: 'SetLimits', scope: 'type:a', concurrency: 2, rate: null })).toEqual([]);
  });

  it('capacity is the smaller of the concurrency and the rate left; scopes without limits are unbounded', () => {
    const capacity = capacityOf({
      limits: [limits('type:a', 3), limits('key:k', null, { count: 5, intervalMs: 1_000 }), limits('type:b', 2, { count: 1, intervalMs: 10 }), limits('type:c', null)],
      running: new Map([['type:a', 1], ['type:b', 0]]),
      recentStarts: new Map([['key:k', 4], ['type:b', 1]]),
    });
    expect([...capacity]).toEqual([['type:a', 2], ['key:k', 1], ['type:b', 0]]);
  });

  it('picks in order what fits every scope a task counts against', () => {
    const t = (type: string, limitKey: string | null = null) => ({ type, limitKey });
    const candidates = [t('a', 'k'), t('a', 'k'), t('a'), t('a'), t('b'), t('free')];
    const picked = pickWithinLimits({ candidates, capacity: new Map([['type:a', 2], ['key:k', 1], ['type:b', 0]]), limit: 10 });
    expect(picked).toEqual([candidates[0], candidates[2], candidates[5]]);
    expect(pickWithinLimits({ candidates, capacity: new Map(), limit: 2 })).toEqual(candidates.slice(0, 2));
  });
});

describe('payload templates', () => {
  const vars = { payload: { version: '1.2', count: 3, region: { name: 'eu' } }, event: 'deploy', workflow: 'wf' };
  it('keeps the type of a whole placeholder and writes text inside a longer string', () => {
    const { value, missing } = renderTemplate({ template: { v: '{{ payload.version }}', n: '{{payload.count}}', label: '{{ workflow }}/{{ event }} in {{ payload.region.name }}', list: ['{{ payload.count }}', 7] }, vars, at: 'p' });
    expect(value).toEqual({ v: '1.2', n: 3, label: 'wf/deploy in eu', list: [3, 7] });
    expect(missing).toEqual([]);
  });
  it('reports what the variables lack, with where it was used, and never reads the prototype', () => {
    const { missing } = renderTemplate({ template: { a: '{{ payload.nope }}', b: 'x {{ payload.constructor }}' }, vars, at: 'steps.s.payload' });
    expect(missing).toEqual([
      { at: 'steps.s.payload.a', placeholder: '{{ payload.nope }}' },
      { at: 'steps.s.payload.b', placeholder: '{{ payload.constructor }}' },
    ]);
  });
  it('finds placeholders whose root Baton does not provide', () => {
    expect(unknownRoots({ a: '{{ secrets.x }}', b: ['{{ payload.y }}', '{{ env }}'] })).toEqual(['{{ secrets.x }}', '{{ env }}']);
  });
});
