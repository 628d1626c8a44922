import { z } from 'zod';
import { MissedPolicySchema, OverlapPolicySchema, ScheduleViewSchema, type ScheduleView } from '../domain/schedule.js';

const ScheduleNameSchema = z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]*$/, 'letters, digits and _.:- only, starting with a letter or digit');

/** The body of POST /v1/schedules: define a schedule, or change one (same name). */
const DefineScheduleBodySchema = z
  .object({
    name: ScheduleNameSchema,
    /** Five fields (minute hour day month weekday), or six with seconds first. */
    cron: z.string().min(1).max(200),
    /** An IANA time zone; UTC by default. */
    timezone: z.string().min(1).max(100).default('UTC'),
    /** What each tick submits: a task as for POST /v1/tasks, without runAt, delayMs or idempotencyKey. */
    task: z.record(z.string(), z.unknown()),
    /** A tick while the previous tick's task still runs: skip it (the default) or run both. */
    overlap: OverlapPolicySchema.default('skip'),
    /** Ticks missed while no node ran (downtime): run the latest once (the default), or skip them. */
    missed: MissedPolicySchema.default('run-once'),
  })
  .strict();
type DefineScheduleBody = z.input<typeof DefineScheduleBodySchema>;

const ScheduleResourceSchema = ScheduleViewSchema.omit({ removed: true, version: true }).extend({
  definedAt: z.string(),
  updatedAt: z.string(),
  lastTick: z.string().nullable(),
  nextTick: z.string().nullable(),
});
type ScheduleResource = z.infer<typeof ScheduleResourceSchema>;

function toScheduleResource(s: ScheduleView, next: number | null): ScheduleResource {
  const iso = (ms: number) => new Date(ms).toISOString();
  const { removed: _r, version: _v, ...rest } = s;
  return { ...rest, definedAt: iso(s.definedAt), updatedAt: iso(s.updatedAt), lastTick: s.lastTick === null ? null : iso(s.lastTick), nextTick: next === null ? null : iso(next) };
}

const ScheduleNameParamsSchema = z.object({ name: ScheduleNameSchema }).strict();
const ScheduleListSchema = z.object({ items: z.array(ScheduleResourceSchema) });

export { ScheduleNameSchema, DefineScheduleBodySchema, ScheduleResourceSchema, toScheduleResource, ScheduleNameParamsSchema, ScheduleListSchema };
export type { DefineScheduleBody, ScheduleResource };
