import type { Clock } from '@baton/core';

/** setTimeout's own ceiling (about 24.8 days); a later due time is reached in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/**
 * After a firing that promoted nothing, wait before trying again: Node's timers
 * may fire up to a millisecond before `Date.now()` reaches their time, the
 * store's clock (the database's, on PostgreSQL) may run a little behind this
 * node's, and another node may be promoting the same rows. A zero-delay re-arm
 * would spin, and a fixed long one made a task whose timer fired a hair early
 * start 50 ms late. So the wait doubles from 1 ms on each empty firing in a
 * row, up to 50 ms.
 */
const IDLE_REARM_FIRST_MS = 1;
const IDLE_REARM_MAX_MS = 50;
/**
 * A timer that fires before this node's clock reaches its time (Node counts
 * from the event loop's cached now) waits out the rest on the event loop,
 * not with a store statement that finds nothing due: that cost the statement
 * and the 1 ms re-arm above, in 243 of a run's 543 firings once due times
 * were judged on the database clock rounded down (bench/RESULTS.md, history 49).
 * The wait is bounded in turns and in time, then left to a timer.
 */
const EARLY_WAIT_TURNS = 500;
const EARLY_WAIT_MS = 2;
/**
 * Node's timers count whole milliseconds from the loop's cached now: one armed
 * for a due time fired 0.7 ms after it at the median. Armed a millisecond
 * early, the timer then waits out the rest on the event loop (above) and
 * promotes within microseconds of the due time. Only when due times are
 * sparse (at least `EARLY_ARM_GAP_MS` after the last firing), so the waiting
 * costs at most a fifth of a core; dense ones find their time passed anyway.
 */
const EARLY_ARM_MS = 1;
const EARLY_ARM_GAP_MS = 5;

/**
 * Makes delayed tasks ready when they are due: one timer, armed for the earliest
 * due time in the store, re-armed after each firing and whenever an earlier task
 * arrives. No fixed-interval poll, so an idle engine does no work and a due task
 * is promoted within the timer's precision.
 */
interface DueTimer {
  /** Tell the timer a task is due at `runAt`; re-arms if that is sooner than what it waits for. */
  schedule(runAt: number): void;
  /** Re-reads the next due time from the store. */
  rearm(): Promise<void>;
  stop(): void;
}

function createDueTimer(params: {
  clock: Clock;
  nextDueAt: () => Promise<number | null>;
  promote: () => Promise<number>;
  onError: (error: unknown) => void;
}): DueTimer {
  let timer: NodeJS.Timeout | null = null;
  let armedFor: number | null = null;
  let stopped = false;
  let running: Promise<void> | null = null;
  let refire = false;
  let idleRearmMs = IDLE_REARM_FIRST_MS;
  let lastRunAt = -Infinity;

  function arm(at: number, early = at - lastRunAt >= EARLY_ARM_GAP_MS): void {
    if (stopped) return;
    if (timer) clearTimeout(timer);
    armedFor = at;
    const delay = Math.min(Math.max(0, at - params.clock.now() - (early ? EARLY_ARM_MS : 0)), MAX_TIMER_MS);
    timer = setTimeout(fire, delay);
  }

  /** Waits on the event loop until the clock reaches `due`, unless the timer is re-armed or stopped meanwhile. */
  function waitOut(due: number): void {
    const deadline = performance.now() + EARLY_WAIT_MS;
    let turns = 0;
    const check = () => {
      if (stopped || armedFor !== due || timer !== null) return;
      if (params.clock.now() >= due) fire();
      else if (++turns > EARLY_WAIT_TURNS || performance.now() > deadline) arm(due, false);
      else setImmediate(check);
    };
    setImmediate(check);
  }

  /** The timer's callback: promotes, unless the clock has not reached the time it was armed for yet. */
  function fire(): void {
    timer = null;
    if (armedFor !== null && !stopped && params.clock.now() < armedFor) {
      // Far off still: a due time past setTimeout's ceiling is reached in steps.
      if (armedFor - params.clock.now() > EARLY_WAIT_MS) arm(armedFor);
      else waitOut(armedFor);
      return;
    }
    run();
  }

  function run(): void {
    armedFor = null;
    lastRunAt = params.clock.now();
    if (running) {
      refire = true;
      return;
    }
    running = (async () => {
      try {
        // One batch per firing: if more is due, the next due time read below is now, and the timer fires again at
        // once. Asking the store again straight away cost a statement on every firing, nearly always for nothing.
        const promoted = stopped ? 0 : await params.promote();
        let notBefore = 0;
        if (promoted === 0) {
          notBefore = params.clock.now() + idleRearmMs;
          idleRearmMs = Math.min(idleRearmMs * 2, IDLE_REARM_MAX_MS);
        } else {
          idleRearmMs = IDLE_REARM_FIRST_MS;
        }
        await rearmNow(notBefore);
      } catch (error) {
        params.onError(error);
        // A failing store must not stop delayed work for good: try again shortly.
        if (!stopped) arm(params.clock.now() + 1_000);
      } finally {
        running = null;
        if (refire && !stopped) {
          refire = false;
          run();
        }
      }
    })();
  }

  async function rearmNow(notBefore = 0): Promise<void> {
    const found = await params.nextDueAt();
    if (found === null || stopped) return;
    const next = Math.max(found, notBefore);
    if (armedFor === null || next < armedFor) arm(next);
  }

  return {
    schedule(runAt) {
      if (armedFor === null || runAt < armedFor) arm(runAt);
    },
    rearm: () => rearmNow(),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

export { createDueTimer };
export type { DueTimer };
