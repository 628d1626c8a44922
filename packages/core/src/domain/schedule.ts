import { z } from 'zod';

/*
 * A recurring task: a cron expression in a time zone, the task to submit at
 * each tick, and what to do when ticks overlap or were missed. One small
 * aggregate per schedule, on the stream `schedule:<name>`. Every tick is an
 * event (ScheduleTicked), so what ran, and what was skipped and why, can be
 * read back.
 */
const OverlapPolicySchema = z.enum(['skip', 'allow']);
const MissedPolicySchema = z.enum(['skip', 'run-once']);
type OverlapPolicy = z.infer<typeof OverlapPolicySchema>;
type MissedPolicy = z.infer<typeof MissedPolicySchema>;

const ScheduleViewSchema = z
  .object({
    name: z.string(),
    cron: z.string(),
    timezone: z.string(),
    /** The submission made at each tick (the body of POST /v1/tasks, without an idempotency key). */
    task: z.record(z.string(), z.unknown()),
    overlap: OverlapPolicySchema,
    missed: MissedPolicySchema,
    paused: z.boolean(),
    removed: z.boolean(),
    /** When it was (re)defined: ticks before that are not its own. */
    definedAt: z.number(),
    /** The last tick handled (submitted or skipped), epoch ms. */
    lastTick: z.number().nullable(),
    /** The task submitted at the last tick that ran. */
    lastTaskId: z.string().nullable(),
    updatedAt: z.number(),
    version: z.number().int(),
  })
  .strict();
type ScheduleView = z.infer<typeof ScheduleViewSchema>;

const TickOutcomeSchema = z.enum(['submitted', 'skipped-overlap', 'skipped-missed']);
type TickOutcome = z.infer<typeof TickOutcomeSchema>;

const ScheduleEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('ScheduleDefined'),
    data: z.object({ cron: z.string(), timezone: z.string(), task: z.record(z.string(), z.unknown()), overlap: OverlapPolicySchema, missed: MissedPolicySchema }).strict(),
  }),
  z.object({ type: z.literal('SchedulePaused'), data: z.object({}).strict() }),
  z.object({ type: z.literal('ScheduleResumed'), data: z.object({}).strict() }),
  z.object({ type: z.literal('ScheduleRemoved'), data: z.object({}).strict() }),
  z.object({ type: z.literal('ScheduleTicked'), data: z.object({ tick: z.number(), outcome: TickOutcomeSchema, taskId: z.string().nullable() }).strict() }),
]);
type ScheduleEvent = z.infer<typeof ScheduleEventSchema>;

type ScheduleCommand =
  | { kind: 'DefineSchedule'; name: string; cron: string; timezone: string; task: Record<string, unknown>; overlap: OverlapPolicy; missed: MissedPolicy }
  | { kind: 'PauseSchedule'; name: string }
  | { kind: 'ResumeSchedule'; name: string }
  | { kind: 'RemoveSchedule'; name: string }
  | { kind: 'RecordTick'; name: string; tick: number; outcome: TickOutcome; taskId: string | null };

const scheduleStreamId = (name: string): string => `schedule:${name}`;

/** The events a command adds; an unchanged definition, a second pause or an old tick adds none. */
function decideSchedule(state: ScheduleView | null, command: ScheduleCommand): ScheduleEvent[] {
  const live = state !== null && !state.removed;
  switch (command.kind) {
    case 'DefineSchedule': {
      const { kind: _kind, name: _name, ...spec } = command;
      const same = live && JSON.stringify({ cron: state.cron, timezone: state.timezone, task: state.task, overlap: state.overlap, missed: state.missed }) === JSON.stringify(spec);
      return same ? [] : [{ type: 'ScheduleDefined', data: spec }];
    }
    case 'PauseSchedule':
      return live && !state.paused ? [{ type: 'SchedulePaused', data: {} }] : [];
    case 'ResumeSchedule':
      return live && state.paused ? [{ type: 'ScheduleResumed', data: {} }] : [];
    case 'RemoveSchedule':
      return live ? [{ type: 'ScheduleRemoved', data: {} }] : [];
    case 'RecordTick':
      // Two nodes may handle one tick (a leader change): the first record wins, a later or older one adds nothing.
      if (!live || (state.lastTick !== null && command.tick <= state.lastTick)) return [];
      return [{ type: 'ScheduleTicked', data: { tick: command.tick, outcome: command.outcome, taskId: command.taskId } }];
  }
}

function evolveSchedule(state: ScheduleView | null, event: ScheduleEvent & { streamId: string; version: number; time: number }): ScheduleView {
  const base = { updatedAt: event.time, version: event.version };
  if (event.type === 'ScheduleDefined') {
    const fresh = !state || state.removed;
    return {
      name: state?.name ?? event.streamId.slice('schedule:'.length),
      ...event.data,
      paused: fresh ? false : state.paused,
      removed: false,
      definedAt: event.time,
      lastTick: fresh ? null : state.lastTick,
      lastTaskId: fresh ? null : state.lastTaskId,
      ...base,
    };
  }
  if (!state) throw new Error(`corrupt log: ${event.type} for schedule ${event.streamId} that was never defined`);
  switch (event.type) {
    case 'SchedulePaused':
      return { ...state, ...base, paused: true };
    case 'ScheduleResumed':
      return { ...state, ...base, paused: false };
    case 'ScheduleRemoved':
      return { ...state, ...base, removed: true };
    case 'ScheduleTicked':
      return { ...state, ...base, lastTick: event.data.tick, lastTaskId: event.data.taskId ?? state.lastTaskId };
  }
}

function foldSchedule(events: readonly (ScheduleEvent & { streamId: string; version: number; time: number })[]): ScheduleView | null {
  let state: ScheduleView | null = null;
  for (const event of events) state = evolveSchedule(state, event);
  return state;
}

/**
 * What to do with the ticks that are due: the pure part of the scheduler.
 * Ticks older than `graceMs` were missed (the scheduler was down): `skip`
 * drops them, `run-once` runs the latest of them once. A tick whose previous
 * task still runs is skipped under `overlap: skip`.
 */
function planTicks(params: { due: readonly number[]; now: number; graceMs: number; missed: MissedPolicy; previousRunning: boolean; overlap: OverlapPolicy }): { tick: number; outcome: TickOutcome }[] {
  const missed = params.due.filter((t) => t < params.now - params.graceMs);
  const timely = params.due.filter((t) => t >= params.now - params.graceMs);
  const plan: { tick: number; outcome: TickOutcome }[] = [];
  const lastMissed = missed[missed.length - 1];
  for (const tick of missed) plan.push({ tick, outcome: params.missed === 'run-once' && tick === lastMissed ? 'submitted' : 'skipped-missed' });
  for (const tick of timely) plan.push({ tick, outcome: 'submitted' });
  let running = params.previousRunning;
  return plan.map((p) => {
    if (p.outcome !== 'submitted') return p;
    if (running && params.overlap === 'skip') return { ...p, outcome: 'skipped-overlap' };
    running = true;
    return p;
  });
}

export { OverlapPolicySchema, MissedPolicySchema, ScheduleViewSchema, TickOutcomeSchema, ScheduleEventSchema, scheduleStreamId, decideSchedule, evolveSchedule, foldSchedule, planTicks };
export type { OverlapPolicy, MissedPolicy, ScheduleView, TickOutcome, ScheduleEvent, ScheduleCommand };
