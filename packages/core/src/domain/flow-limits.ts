import { z } from 'zod';
import type { TaskView } from './task-state.js';

/*
 * Concurrency and rate limits, per task type (`type:<name>`) or per limit key
 * (`key:<name>`, shared by every task submitted with that `limitKey`), for the
 * whole cluster. A small aggregate per scope on the stream `limits:<scope>`,
 * with one event, LimitsSet; null means no limit of that kind.
 */
const RateLimitSchema = z
  .object({
    /** At most this many starts (claims)… */
    count: z.number().int().min(1).max(1_000_000),
    /** …in any window of this many milliseconds. */
    intervalMs: z.number().int().min(1).max(86_400_000),
  })
  .strict();
type RateLimit = z.infer<typeof RateLimitSchema>;

const FlowLimitsViewSchema = z
  .object({
    scope: z.string(),
    /** At most this many running at once. */
    concurrency: z.number().int().nullable(),
    rate: RateLimitSchema.nullable(),
    updatedAt: z.number(),
    version: z.number().int(),
  })
  .strict();
type FlowLimitsView = z.infer<typeof FlowLimitsViewSchema>;

const LimitsEventSchema = z.object({
  type: z.literal('LimitsSet'),
  data: z.object({ concurrency: z.number().int().nullable(), rate: RateLimitSchema.nullable() }).strict(),
});
type LimitsEvent = z.infer<typeof LimitsEventSchema>;
type SetLimits = { kind: 'SetLimits'; scope: string; concurrency: number | null; rate: RateLimit | null };

const limitsStreamId = (scope: string): string => `limits:${scope}`;
const typeScope = (type: string): string => `type:${type}`;
const keyScope = (key: string): string => `key:${key}`;

/** Setting the limits a scope already has records nothing. */
function decideLimits(state: FlowLimitsView | null, command: SetLimits): LimitsEvent[] {
  const same = (state?.concurrency ?? null) === command.concurrency && JSON.stringify(state?.rate ?? null) === JSON.stringify(command.rate);
  if (same) return [];
  return [{ type: 'LimitsSet', data: { concurrency: command.concurrency, rate: command.rate } }];
}

function evolveLimits(state: FlowLimitsView | null, event: LimitsEvent & { streamId: string; version: number; time: number }): FlowLimitsView {
  const scope = state?.scope ?? event.streamId.slice('limits:'.length);
  return { scope, concurrency: event.data.concurrency, rate: event.data.rate, updatedAt: event.time, version: event.version };
}

function foldLimits(events: readonly (LimitsEvent & { streamId: string; version: number; time: number })[]): FlowLimitsView | null {
  let state: FlowLimitsView | null = null;
  for (const event of events) state = evolveLimits(state, event);
  return state;
}

/** The scopes a task counts against. */
function scopesOf(task: Pick<TaskView, 'type' | 'limitKey'>): string[] {
  return task.limitKey ? [typeScope(task.type), keyScope(task.limitKey)] : [typeScope(task.type)];
}

/**
 * How many more starts each limited scope allows now: the concurrency left
 * (limit minus running) and the rate left (count minus starts in the window),
 * whichever is smaller. Scopes without limits are absent (no bound).
 */
function capacityOf(params: { limits: readonly FlowLimitsView[]; running: ReadonlyMap<string, number>; recentStarts: ReadonlyMap<string, number> }): Map<string, number> {
  const capacity = new Map<string, number>();
  for (const l of params.limits) {
    let left = Number.POSITIVE_INFINITY;
    if (l.concurrency !== null) left = Math.min(left, l.concurrency - (params.running.get(l.scope) ?? 0));
    if (l.rate !== null) left = Math.min(left, l.rate.count - (params.recentStarts.get(l.scope) ?? 0));
    if (left !== Number.POSITIVE_INFINITY) capacity.set(l.scope, Math.max(0, left));
  }
  return capacity;
}

/** The candidates, in order, that fit in what the limits allow, at most `limit` of them. */
function pickWithinLimits<T extends Pick<TaskView, 'type' | 'limitKey'>>(params: { candidates: readonly T[]; capacity: Map<string, number>; limit: number }): T[] {
  const left = new Map(params.capacity);
  const picked: T[] = [];
  for (const task of params.candidates) {
    if (picked.length >= params.limit) break;
    const scopes = scopesOf(task);
    if (scopes.some((s) => (left.get(s) ?? 1) <= 0)) continue;
    for (const s of scopes) if (left.has(s)) left.set(s, (left.get(s) ?? 0) - 1);
    picked.push(task);
  }
  return picked;
}

export { RateLimitSchema, FlowLimitsViewSchema, LimitsEventSchema, limitsStreamId, typeScope, keyScope, decideLimits, evolveLimits, foldLimits, scopesOf, capacityOf, pickWithinLimits };
export type { RateLimit, FlowLimitsView, LimitsEvent, SetLimits };
