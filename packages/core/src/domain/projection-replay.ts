import { evolveAgent } from './agent-decider.js';
import type { AgentEvent } from './agent-events.js';
import { evolveToken, type TokenEvent } from './api-token.js';
import { evolveLimits, type LimitsEvent } from './flow-limits.js';
import { evolveJob } from './job-decider.js';
import type { StoredJobEvent } from './job-events.js';
import { evolveSchedule, type ScheduleEvent } from './schedule.js';
import type { StoredEvent, StoredTaskEvent } from './task-events.js';
import { evolve } from './task-evolve.js';
import { evolveTypeControl, type TypeControlEvent } from './type-control.js';

/** The projections the log is folded into, one per kind of stream. */
const PROJECTION_KINDS = ['task', 'job', 'agent', 'type', 'token', 'limits', 'schedule'] as const;
type ProjectionKind = (typeof PROJECTION_KINDS)[number];

const PREFIXES: readonly [string, ProjectionKind][] = [
  ['job:', 'job'],
  ['agent:', 'agent'],
  ['type:', 'type'],
  ['token:', 'token'],
  ['limits:', 'limits'],
  ['schedule:', 'schedule'],
];

/** Which projection a stream belongs to, and its key there; a stream with no known prefix is a task's. */
function streamKind(streamId: string): { kind: ProjectionKind; key: string } {
  for (const [prefix, kind] of PREFIXES) if (streamId.startsWith(prefix)) return { kind, key: streamId.slice(prefix.length) };
  return { kind: 'task', key: streamId };
}

type Evolver = (state: unknown, event: StoredEvent) => unknown;
const EVOLVERS: Record<ProjectionKind, Evolver> = {
  task: (s, e) => evolve(s as never, e as StoredTaskEvent),
  job: (s, e) => evolveJob(s as never, e as StoredJobEvent),
  agent: (s, e) => evolveAgent(s as never, e as unknown as AgentEvent & StoredEvent),
  type: (s, e) => evolveTypeControl(s as never, e as unknown as TypeControlEvent & StoredEvent),
  token: (s, e) => evolveToken(s as never, e as unknown as TokenEvent & StoredEvent),
  limits: (s, e) => evolveLimits(s as never, e as unknown as LimitsEvent & StoredEvent),
  schedule: (s, e) => evolveSchedule(s as never, e as unknown as ScheduleEvent & StoredEvent),
};

type Projections = Record<ProjectionKind, Map<string, unknown>>;

const emptyProjections = (): Projections => Object.fromEntries(PROJECTION_KINDS.map((k) => [k, new Map<string, unknown>()])) as Projections;

/**
 * Folds the log, in order, into every projection: what the tables must hold
 * if they are true to the log. Feed it events page by page with `add`.
 */
function createReplay() {
  const projections = emptyProjections();
  let events = 0;
  return {
    /** Folds one event in; an event at or below the version its stream has reached was folded already and is skipped (a catch-up may read it twice). */
    add(event: StoredEvent): void {
      const { kind, key } = streamKind(event.streamId);
      const current = (projections[kind].get(key) ?? null) as { version?: number } | null;
      if (current?.version !== undefined && event.version <= current.version) return;
      projections[kind].set(key, EVOLVERS[kind](current, event));
      events += 1;
    },
    result: (): { projections: Projections; events: number } => ({ projections, events }),
  };
}

/** The state one stream folds to (of whichever kind its id says), or null for no events. */
function foldStream(events: readonly StoredEvent[]): unknown {
  let state: unknown = null;
  for (const event of events) state = EVOLVERS[streamKind(event.streamId).kind](state, event);
  return state;
}

/** One way a table differs from the fold of the log. */
interface ProjectionDifference {
  kind: ProjectionKind;
  key: string;
  /** missing: the log has it, the table does not; extra: the other way round; different: both, not equal. */
  problem: 'missing' | 'extra' | 'different';
  /** For `different`: the top-level fields that differ. */
  fields: string[];
}

/** JSON with object keys sorted: PostgreSQL's jsonb keeps its own key order, which is not a difference. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

const same = (a: unknown, b: unknown): boolean => canonical(a) === canonical(b);

/** Every difference between what the log folds to and what the tables hold; empty when they agree. */
function diffProjections(params: { expected: Projections; actual: Projections }): ProjectionDifference[] {
  const differences: ProjectionDifference[] = [];
  for (const kind of PROJECTION_KINDS) {
    const expected = params.expected[kind];
    const actual = params.actual[kind];
    for (const [key, want] of expected) {
      if (!actual.has(key)) {
        differences.push({ kind, key, problem: 'missing', fields: [] });
        continue;
      }
      const have = actual.get(key) as Record<string, unknown>;
      const wanted = want as Record<string, unknown>;
      const fields = [...new Set([...Object.keys(wanted), ...Object.keys(have)])].filter((f) => !same(wanted[f], have[f])).sort();
      if (fields.length > 0) differences.push({ kind, key, problem: 'different', fields });
    }
    for (const key of actual.keys()) if (!expected.has(key)) differences.push({ kind, key, problem: 'extra', fields: [] });
  }
  return differences;
}

export { PROJECTION_KINDS, streamKind, createReplay, foldStream, diffProjections, emptyProjections };
export type { ProjectionKind, Projections, ProjectionDifference };
