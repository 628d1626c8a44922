import { z } from 'zod';
import type { TaskView } from '../domain/task-state.js';

/**
 * The Reminders API, exactly as the seed documents it: `POST /api/v1/reminders`
 * with a timer and an address answers `{id, status, timeLeft}` (seconds).
 * Optional additions: `body` (what to deliver) and `at` (an absolute time).
 */
const DefineReminderBodySchema = z
  .object({
    hours: z.number().int().min(0).max(876_000).default(0),
    minutes: z.number().int().min(0).max(52_560_000).default(0),
    seconds: z.number().min(0).max(3_153_600_000).default(0),
    address: z.url({ protocol: /^https?$/ }).max(2_048),
    body: z.unknown().optional(),
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();
type DefineReminderBody = z.infer<typeof DefineReminderBodySchema>;

const ReminderStatusSchema = z.enum(['Active', 'Completed', 'Failed']);
type ReminderStatus = z.infer<typeof ReminderStatusSchema>;

const ReminderResponseSchema = z.object({ id: z.string(), status: ReminderStatusSchema, timeLeft: z.number() }).strict();
type ReminderResponse = z.infer<typeof ReminderResponseSchema>;

const ReminderIdParamsSchema = z.object({ id: z.string().min(1).max(200) }).strict();

/** The task events behind a reminder, under the names the seed's domain gives them. */
const REMINDER_EVENT_NAMES: Readonly<Record<string, string>> = {
  TaskSubmitted: 'ReminderDefined',
  TaskSucceeded: 'ReminderCompleted',
  TaskFailed: 'ReminderFailed',
  TaskCancelled: 'ReminderFailed',
};

function reminderStatus(task: TaskView): ReminderStatus {
  if (task.state === 'succeeded') return 'Completed';
  if (task.state === 'failed' || task.state === 'cancelled') return 'Failed';
  return 'Active';
}

/** The seed's shape: time left in seconds while it waits, 0 once it has fired. */
function toReminderResponse(task: TaskView, now: number): ReminderResponse {
  const status = reminderStatus(task);
  const waiting = task.state === 'scheduled' || task.state === 'queued' || task.state === 'blocked';
  return { id: task.id, status, timeLeft: status === 'Active' && waiting ? Math.max(0, task.runAt - now) / 1_000 : 0 };
}

export { DefineReminderBodySchema, ReminderStatusSchema, ReminderResponseSchema, ReminderIdParamsSchema, REMINDER_EVENT_NAMES, reminderStatus, toReminderResponse };
export type { DefineReminderBody, ReminderStatus, ReminderResponse };
