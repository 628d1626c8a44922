import { describe, expect, it } from 'vitest';
import { planTicks } from '@baton/core';
import { checkCron, nextTick, ticksBetween } from '../../src/schedules/cron-ticks.js';

const at = (iso: string) => Date.parse(iso);
const isoAll = (ticks: number[]) => ticks.map((t) => new Date(t).toISOString());

describe('cron ticks', () => {
  it('lists every tick once, in order, after the start and up to the end', () => {
    const ticks = ticksBetween({ cron: '*/15 * * * *', timezone: 'UTC', after: at('2026-01-01T00:00:00Z'), until: at('2026-01-01T01:00:00Z') });
    expect(isoAll(ticks)).toEqual(['2026-01-01T00:15:00.000Z', '2026-01-01T00:30:00.000Z', '2026-01-01T00:45:00.000Z', '2026-01-01T01:00:00.000Z']);
    expect(nextTick({ cron: '*/15 * * * *', timezone: 'UTC', after: at('2026-01-01T00:15:00Z') })).toBe(at('2026-01-01T00:30:00Z'));
  });

  it('runs in wall-clock time of its zone: 09:00 Berlin is 08:00 UTC in winter and 07:00 UTC in summer', () => {
    const ticks = ticksBetween({ cron: '0 9 * * *', timezone: 'Europe/Berlin', after: at('2026-03-27T12:00:00Z'), until: at('2026-03-31T12:00:00Z') });
    expect(isoAll(ticks)).toEqual(['2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z', '2026-03-31T07:00:00.000Z']);
  });

  it('fires a local time the spring change skips once, just after; and a local time the autumn change repeats once', () => {
    // 2026-03-29 02:30 does not exist in Berlin (02:00 → 03:00): the day still gets exactly one tick.
    const spring = ticksBetween({ cron: '30 2 * * *', timezone: 'Europe/Berlin', after: at('2026-03-27T00:00:00Z'), until: at('2026-03-31T00:00:00Z') });
    expect(spring).toHaveLength(4);
    expect(new Set(spring.map((t) => new Date(t).toISOString().slice(0, 10)))).toEqual(new Set(['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30']));
    // 2026-10-25 02:30 happens twice in Berlin (03:00 → 02:00): it fires once.
    const autumn = ticksBetween({ cron: '30 2 * * *', timezone: 'Europe/Berlin', after: at('2026-10-23T12:00:00Z'), until: at('2026-10-27T12:00:00Z') });
    expect(autumn).toHaveLength(4);
    // Across the whole autumn night, every half hour of local time once, none twice, strictly in order.
    const night = ticksBetween({ cron: '*/30 * * * *', timezone: 'Europe/Berlin', after: at('2026-10-24T22:00:00Z'), until: at('2026-10-25T04:00:00Z') });
    const local = night.map((t) => new Date(t).toLocaleTimeString('en-GB', { timeZone: 'Europe/Berlin', hour: '2-digit', minute: '2-digit' }));
    expect(new Set(local).size).toBe(local.length);
    expect([...night].sort((a, b) => a - b)).toEqual(night);
    expect(local).toContain('02:30');
  });

  it('names what is wrong with a cron expression or a zone', () => {
    expect(checkCron({ cron: '* * * * *', timezone: 'UTC' })).toBeNull();
    expect(checkCron({ cron: '*/5 * * * * *', timezone: 'America/New_York' })).toBeNull();
    expect(checkCron({ cron: '61 * * * *', timezone: 'UTC' })).toMatch(/is not a cron expression/);
    expect(checkCron({ cron: '* * * * *', timezone: 'Mars/Olympus' })).toMatch(/is not an IANA time zone/);
  });
});

describe('what to do with due ticks', () => {
  const base = { now: 1_000_000, graceMs: 60_000, previousRunning: false };
  it('runs on-time ticks; after downtime runs the latest missed one once, or none', () => {
    const due = [800_000, 900_000, 950_000, 999_000];
    // 800 and 900 are older than the grace: missed; 950 and 999 are on time.
    expect(planTicks({ ...base, due, missed: 'run-once', overlap: 'allow' }).map((p) => p.outcome)).toEqual(['skipped-missed', 'submitted', 'submitted', 'submitted']);
    expect(planTicks({ ...base, due, missed: 'skip', overlap: 'allow' }).map((p) => p.outcome)).toEqual(['skipped-missed', 'skipped-missed', 'submitted', 'submitted']);
  });
  it('skips a tick while the previous one runs, unless overlap is allowed', () => {
    expect(planTicks({ ...base, due: [990_000, 999_000], missed: 'skip', overlap: 'skip', previousRunning: true }).map((p) => p.outcome)).toEqual(['skipped-overlap', 'skipped-overlap']);
    expect(planTicks({ ...base, due: [990_000, 999_000], missed: 'skip', overlap: 'skip' }).map((p) => p.outcome)).toEqual(['submitted', 'skipped-overlap']);
    expect(planTicks({ ...base, due: [990_000, 999_000], missed: 'skip', overlap: 'allow', previousRunning: true }).map((p) => p.outcome)).toEqual(['submitted', 'submitted']);
  });
});
