import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDueTimer, type DueTimer } from '../../src/engine/due-timer.js';

/**
 * The due timer against a scripted store, on vitest's fake timers: which
 * firings happen when is exact, so the re-arm policy is checked, not timed.
 */
describe('the due timer', () => {
  let timer: DueTimer | null = null;
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    timer?.stop();
    timer = null;
    vi.useRealTimers();
  });

  /** A store with one task due at `dueAt`, that finds it due only once its clock reaches `visibleAt`. */
  function scripted(first: { dueAt: number; visibleAt: number }) {
    const firings: number[] = [];
    let task: { dueAt: number; visibleAt: number } | null = first;
    timer = createDueTimer({
      clock: { now: () => Date.now() },
      nextDueAt: async () => task?.dueAt ?? null,
      promote: async () => {
        firings.push(Date.now());
        if (task === null || Date.now() < task.visibleAt) return 0;
        task = null;
        return 1;
      },
      onError: (error) => {
        throw error;
      },
    });
    return {
      firings,
      promoted: () => task === null,
      add: (next: { dueAt: number; visibleAt: number }) => {
        task = next;
        timer!.schedule(next.dueAt);
      },
    };
  }

  it('fires at the due time, not before', async () => {
    const store = scripted({ dueAt: 1_000_200, visibleAt: 1_000_200 });
    timer!.schedule(1_000_200);
    await vi.advanceTimersByTimeAsync(199);
    expect(store.firings).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(store.firings[0]).toBe(1_000_200);
    expect(store.promoted()).toBe(true);
  });

  it('arms a millisecond early when due times are sparse, then waits out the rest: still never before the due time', async () => {
    const delays: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => (delays.push(ms ?? 0), realSetTimeout(fn, ms))) as typeof setTimeout);
    try {
      const store = scripted({ dueAt: 1_000_200, visibleAt: 1_000_200 });
      timer!.schedule(1_000_200);
      expect(delays).toEqual([199]);
      await vi.advanceTimersByTimeAsync(199);
      expect(store.firings).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(store.firings).toEqual([1_000_200]);
      // A due time 2 ms after that firing is dense: armed for its own time.
      delays.length = 0;
      store.add({ dueAt: 1_000_202, visibleAt: 1_000_202 });
      expect(delays).toEqual([2]);
      await vi.advanceTimersByTimeAsync(2);
      expect(store.firings).toEqual([1_000_200, 1_000_202]);
    } finally {
      spy.mockRestore();
    }
  });

  it('a firing that finds nothing due yet tries again after 1 ms, then 2, 4 …, not 50 ms later', async () => {
    // The store sees the task 3 ms after this node's timer fires: a clock a little behind, or a timer that fired early.
    const store = scripted({ dueAt: 1_000_100, visibleAt: 1_000_103 });
    timer!.schedule(1_000_100);
    await vi.advanceTimersByTimeAsync(100);
    expect(store.firings).toEqual([1_000_100]);
    await vi.advanceTimersByTimeAsync(10);
    // Empty at +0, retried at +1 (empty), +3 (found it); nothing more is due, so no further call.
    expect(store.firings).toEqual([1_000_100, 1_000_101, 1_000_103]);
    expect(store.promoted()).toBe(true);
  });

  it('a timer that fires before the clock reaches its time waits out the rest on the event loop, not with an empty promotion', async () => {
    // Node's timers count from the event loop's cached now, so one may fire a fraction of a millisecond early:
    // here the clock reads 1 ms behind the timers when it fires.
    let lag = 0;
    const clock = { now: () => Date.now() - lag };
    const calls: number[] = [];
    timer = createDueTimer({
      clock,
      nextDueAt: async () => null,
      promote: async () => {
        calls.push(clock.now());
        return clock.now() >= 1_000_100 ? 1 : 0;
      },
      onError: (error) => {
        throw error;
      },
    });
    timer.schedule(1_000_100);
    lag = 1;
    await vi.advanceTimersByTimeAsync(110);
    // Before: one call at 1_000_099 that found nothing, then the 1 ms re-arm.
    expect(calls).toEqual([1_000_100]);
  });

  it('a far-off due time is reached in steps of setTimeout, never by waiting on the event loop', async () => {
    const calls: number[] = [];
    timer = createDueTimer({
      clock: { now: () => Date.now() },
      nextDueAt: async () => null,
      promote: async () => (calls.push(Date.now()), 1),
      onError: (error) => {
        throw error;
      },
    });
    const farOff = Date.now() + 2 ** 31 + 5_000;
    timer.schedule(farOff);
    await vi.advanceTimersByTimeAsync(2 ** 31 + 4_000);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toEqual([farOff]);
  });

  it('backs off to at most 50 ms while the store keeps finding nothing, and starts again from 1 ms after a promotion', async () => {
    const store = scripted({ dueAt: 1_000_000, visibleAt: 1_000_400 });
    timer!.schedule(1_000_000);
    await vi.advanceTimersByTimeAsync(450);
    const gaps = (from: number) => store.firings.slice(from + 1).map((t, i) => t - (store.firings[from + i] as number));
    expect(gaps(0).slice(0, 7)).toEqual([1, 2, 4, 8, 16, 32, 50]);
    expect(Math.max(...gaps(0))).toBe(50);
    expect(store.promoted()).toBe(true);
    const before = store.firings.length;
    const now = Date.now();
    store.add({ dueAt: now + 10, visibleAt: now + 12 });
    await vi.advanceTimersByTimeAsync(20);
    expect(store.firings.slice(before)).toEqual([now + 10, now + 11, now + 13]);
    expect(store.promoted()).toBe(true);
  });

  it('a firing promotes one batch; when more is due it fires again at once, and stops when nothing is', async () => {
    let due = 3;
    const calls: number[] = [];
    timer = createDueTimer({
      clock: { now: () => Date.now() },
      nextDueAt: async () => (due > 0 ? 1_000_050 : null),
      promote: async () => {
        calls.push(Date.now());
        if (due === 0) return 0;
        due--;
        return 1;
      },
      onError: (error) => {
        throw error;
      },
    });
    timer.schedule(1_000_050);
    await vi.advanceTimersByTimeAsync(100);
    // setTimeout's shortest wait is 1 ms.
    expect(calls).toEqual([1_000_050, 1_000_051, 1_000_052]);
    expect(due).toBe(0);
  });
});
