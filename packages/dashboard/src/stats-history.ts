/** One reading of GET /v1/stats, reduced to what the overview draws. */
interface StatsSample {
  at: number;
  byState: Record<string, number>;
}

/** A point of the throughput line: tasks that ended per second between two samples. */
interface RatePoint {
  at: number;
  perSecond: number;
  failedPerSecond: number;
}

const ENDED_STATES = ['succeeded', 'failed', 'cancelled'];

function sampleOf(stats: { at: string; tasks: readonly { state: string; count: number }[] }): StatsSample {
  const byState: Record<string, number> = {};
  for (const row of stats.tasks) byState[row.state] = (byState[row.state] ?? 0) + row.count;
  return { at: Date.parse(stats.at), byState };
}

/**
 * Throughput between consecutive samples: ended tasks are counted from the
 * projection, so a drop (retention removed ended tasks, or a retry moved one
 * back) is not a negative rate; it counts as nothing ended.
 */
function ratesOf(samples: readonly StatsSample[]): RatePoint[] {
  const points: RatePoint[] = [];
  for (let i = 1; i < samples.length; i++) {
    const a = samples[i - 1]!;
    const b = samples[i]!;
    const seconds = (b.at - a.at) / 1_000;
    if (seconds <= 0) continue;
    const ended = (s: StatsSample) => ENDED_STATES.reduce((sum, state) => sum + (s.byState[state] ?? 0), 0);
    points.push({ at: b.at, perSecond: Math.max(0, ended(b) - ended(a)) / seconds, failedPerSecond: Math.max(0, (b.byState.failed ?? 0) - (a.byState.failed ?? 0)) / seconds });
  }
  return points;
}

/** Keeps the newest samples within `windowMs` of the last one. */
function keepWindow(samples: readonly StatsSample[], windowMs: number): StatsSample[] {
  const last = samples[samples.length - 1];
  return last ? samples.filter((s) => last.at - s.at <= windowMs) : [];
}

export { sampleOf, ratesOf, keepWindow };
export type { StatsSample, RatePoint };
