import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDefinitionRegistry, defineTask, readPayload } from '../src/index.js';

const v1 = defineTask({ type: 'user.import', version: 1, schema: z.object({ name: z.string() }) });
const v2 = defineTask({
  type: 'user.import',
  version: 2,
  schema: z.object({ names: z.array(z.string()).min(1) }),
  upcast: ({ payload }) => ({ names: [(payload as { name: string }).name] }),
});

describe('task definitions', () => {
  it('upcasts an older payload to the current shape', () => {
    expect(readPayload({ definition: v2, payload: { name: 'x' }, payloadVersion: 1 })).toEqual({ names: ['x'] });
  });
  it('refuses a payload newer than the definition', () => {
    expect(() => readPayload({ definition: v1, payload: { names: [] }, payloadVersion: 2 })).toThrow(expect.objectContaining({ code: 'PAYLOAD_VERSION_UNSUPPORTED' }));
  });
  it('refuses an older payload when there is no upcaster', () => {
    const noUpcast = defineTask({ type: 'x', version: 3, schema: z.object({}) });
    expect(() => readPayload({ definition: noUpcast, payload: {}, payloadVersion: 1 })).toThrow(expect.objectContaining({ code: 'PAYLOAD_VERSION_UNSUPPORTED' }));
  });
  it('names each failing field path and rule', () => {
    expect(() => readPayload({ definition: v2, payload: { names: [] }, payloadVersion: 2 })).toThrow(
      expect.objectContaining({ code: 'PAYLOAD_INVALID', issues: [expect.objectContaining({ path: 'payload.names', rule: 'too_small' })] }),
    );
  });
  it('refuses a malformed type name', () => {
    expect(() => defineTask({ type: "x'; DROP TABLE tasks", schema: z.object({}) })).toThrow(/must start with a letter/);
  });
  it('keeps the newest version of a type in the registry', () => {
    const registry = createDefinitionRegistry({ definitions: [v2] });
    registry.register(v1);
    expect(registry.get('user.import')).toBe(v2);
    expect(createDefinitionRegistry({ definitions: [v1, v2] }).get('user.import')).toBe(v2);
  });
});
