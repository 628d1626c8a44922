/** Wall-clock time in epoch milliseconds. The domain never reads it; the engine and stores do, through this port. */
interface Clock {
  now(): number;
}

export type { Clock };
