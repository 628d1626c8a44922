import { z } from 'zod';

/*
 * Pausing a task type across the cluster: a small aggregate per type, on the
 * stream `type:<name>`. While a type is paused no agent claims it; its tasks
 * wait, durable, and running ones finish. Events: TypePaused, TypeResumed.
 */
const TypeControlViewSchema = z
  .object({
    type: z.string(),
    paused: z.boolean(),
    reason: z.string().nullable(),
    updatedAt: z.number(),
    version: z.number().int(),
  })
  .strict();
type TypeControlView = z.infer<typeof TypeControlViewSchema>;

const TypeControlEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('TypePaused'), data: z.object({ reason: z.string() }).strict() }),
  z.object({ type: z.literal('TypeResumed'), data: z.object({}).strict() }),
]);
type TypeControlEvent = z.infer<typeof TypeControlEventSchema>;

type TypeControlCommand = { kind: 'PauseType'; taskType: string; reason: string } | { kind: 'ResumeType'; taskType: string };

function typeStreamId(taskType: string): string {
  return `type:${taskType}`;
}

/** Pausing a paused type, or resuming a running one, records nothing. */
function decideTypeControl(state: TypeControlView | null, command: TypeControlCommand): TypeControlEvent[] {
  const paused = state?.paused ?? false;
  if (command.kind === 'PauseType') return paused ? [] : [{ type: 'TypePaused', data: { reason: command.reason } }];
  return paused ? [{ type: 'TypeResumed', data: {} }] : [];
}

function evolveTypeControl(state: TypeControlView | null, event: TypeControlEvent & { streamId: string; version: number; time: number }): TypeControlView {
  const type = state?.type ?? event.streamId.slice('type:'.length);
  if (event.type === 'TypePaused') return { type, paused: true, reason: event.data.reason, updatedAt: event.time, version: event.version };
  return { type, paused: false, reason: null, updatedAt: event.time, version: event.version };
}

function foldTypeControl(events: readonly (TypeControlEvent & { streamId: string; version: number; time: number })[]): TypeControlView | null {
  let state: TypeControlView | null = null;
  for (const event of events) state = evolveTypeControl(state, event);
  return state;
}

export { TypeControlViewSchema, TypeControlEventSchema, typeStreamId, decideTypeControl, evolveTypeControl, foldTypeControl };
export type { TypeControlView, TypeControlEvent, TypeControlCommand };
