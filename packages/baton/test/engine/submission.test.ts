import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BatonError, createDefinitionRegistry, defineTask, type AnyDefinition } from '@baton/core';
import { prepareSubmission, prepareSubmissions } from '../../src/engine/submission.js';

const email = defineTask({ type: 'email.send', schema: z.object({ to: z.string() }), defaults: { priority: 2 } });
const report = defineTask({ type: 'report.build', schema: z.object({ n: z.number().int() }) });
const registry = createDefinitionRegistry({ definitions: [email, report] as AnyDefinition[] });
const NOW = Date.UTC(2026, 11, 3);

function batch(inputs: unknown[]) {
  let n = 0;
  return prepareSubmissions({ inputs, registry, nextId: () => `id-${n++}`, now: NOW });
}

function refusal(inputs: unknown[]): BatonError {
  try {
    batch(inputs);
  } catch (error) {
    if (error instanceof BatonError) return error;
    throw error;
  }
  throw new Error('the batch was accepted');
}

describe('a batch is prepared as each of its tasks alone would be', () => {
  it('gives every task what preparing it alone gives, whether or not it repeats the one before', () => {
    const inputs = [
      { type: 'email.send', payload: { to: 'a' } },
      { type: 'email.send', payload: { to: 'b' } },
      { type: 'email.send', payload: { to: 'c' }, priority: 7 },
      { type: 'email.send', payload: { to: 'd' }, priority: 7 },
      { type: 'report.build', payload: { n: 1 }, delayMs: 500 },
      { type: 'report.build', payload: { n: 2 }, delayMs: 500 },
      { type: 'report.build', payload: { n: 3 }, runAt: new Date(NOW + 60_000) },
      { type: 'report.build', payload: { n: 4 }, runAt: new Date(NOW + 90_000) },
      { type: 'email.send', payload: { to: 'e' }, target: { service: 'mail', tags: ['eu'] } },
      { type: 'email.send', payload: { to: 'f' }, target: { service: 'mail', tags: ['us'] } },
      { type: 'email.send', payload: { to: 'g' }, whenNoAgent: 'refuse' },
      { type: 'email.send', payload: { to: 'h' } },
    ];
    const prepared = batch(inputs);
    expect(prepared).toHaveLength(inputs.length);
    for (const [i, input] of inputs.entries()) {
      const alone = prepareSubmission({ input, registry, taskId: `id-${i}`, now: NOW, pathPrefix: `tasks[${i}].` });
      expect(prepared[i]).toEqual(alone);
    }
    expect(prepared.map((p) => p.task.priority)).toEqual([2, 2, 7, 7, 0, 0, 0, 0, 2, 2, 2, 2]);
    expect(prepared.map((p) => p.task.runAt).slice(4, 8)).toEqual([NOW + 500, NOW + 500, NOW + 60_000, NOW + 90_000]);
    expect(prepared[9]?.task.target?.tags).toEqual(['us']);
    expect(prepared.map((p) => p.whenNoAgent).slice(10)).toEqual(['refuse', 'warn']);
  });

  it('refuses a task that differs from a valid one before it only in what the schema forbids', () => {
    const valid = { type: 'email.send', payload: { to: 'a' }, priority: 1 };
    const extra = refusal([valid, { ...valid, payload: { to: 'b' }, bogus: true }]);
    expect(extra.code).toBe('VALIDATION_FAILED');
    expect(extra.issues.map((i) => i.path)).toEqual(['tasks[1]']);
    expect(extra.message).toContain('bogus');

    const fraction = refusal([valid, { ...valid, priority: 1.5 }]);
    expect(fraction.issues.map((i) => i.path)).toContain('tasks[1].priority');

    const both = refusal([{ type: 'report.build', payload: { n: 1 }, delayMs: 5 }, { type: 'report.build', payload: { n: 1 }, delayMs: 5, runAt: NOW }]);
    expect(both.issues.map((i) => i.path)).toContain('tasks[1].delayMs');

    // The payload is still checked against the definition for every task.
    const payload = refusal([
      { type: 'report.build', payload: { n: 1 } },
      { type: 'report.build', payload: { n: 'two' } },
    ]);
    expect(payload.code).toBe('PAYLOAD_INVALID');
    expect(payload.message).toContain('tasks[1].');
  });

  it('does not take a missing key for one set to undefined, nor an object for its own copy', () => {
    const prepared = batch([
      { type: 'email.send', payload: { to: 'a' }, serialKey: 'k' },
      { type: 'email.send', payload: { to: 'b' } },
      { type: 'email.send', payload: { to: 'c' }, serialKey: undefined },
    ]);
    expect(prepared.map((p) => p.task.serialKey)).toEqual(['k', null, null]);
    const missingPayload = batch([{ type: 'email.send', payload: { to: 'a' } }, { type: 'report.build', payload: { n: 1 } }]);
    expect(missingPayload.map((p) => p.task.taskType)).toEqual(['email.send', 'report.build']);
  });
});
