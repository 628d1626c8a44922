import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDefinitionRegistry, defineTask, type AnyDefinition } from '@baton/core';
import { createBaton } from '../../src/app/create-baton.js';
import { loadWorkflows } from '../../src/workflows/workflow-loader.js';
import { makeTempDir } from '../support/temp-dir.js';

const step = defineTask({ type: 'deploy.step', schema: z.object({ role: z.string(), version: z.string() }) });
const registry = createDefinitionRegistry({ definitions: [step as AnyDefinition] });
const quiet = { warn: () => undefined, error: () => undefined };

describe('workflow files', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let dir: string;
  beforeEach(() => {
    tmp = makeTempDir('workflows');
    dir = join(tmp.dir, 'wf');
    mkdirSync(dir);
  });
  afterEach(() => tmp.remove());
  const write = (name: string, text: string) => writeFileSync(join(dir, name), text);

  it('loads ordered steps: each waits for the one before unless it says otherwise', async () => {
    write('release.yml', `name: release\non: ship\nsteps:\n  - { key: a, type: deploy.step, payload: { role: a, version: "{{ payload.v }}" } }\n  - { key: b, type: deploy.step }\n  - { key: c, type: deploy.step, dependsOn: [] }\n`);
    const { workflows, problems } = await loadWorkflows({ dir, registry });
    expect(problems).toEqual([]);
    expect(workflows).toMatchObject([{ name: 'release', on: 'ship', file: 'release.yml', failurePolicy: 'fail-fast' }]);
    expect(workflows[0]?.steps.map((s) => [s.key, s.dependsOn])).toEqual([['a', []], ['b', ['a']], ['c', []]]);
  });

  it('names the file, line and column of every problem', async () => {
    write('a-syntax.yaml', 'name: broken\nsteps:\n  - key: a\n    type: [unclosed\n');
    write('b-schema.yaml', 'name: schema\nsteps:\n  - key: a\n    type: deploy.step\n    broadcats: true\n');
    write('c-graph.yaml', 'name: graph\nsteps:\n  - key: a\n    type: deploy.step\n    dependsOn: [b]\n  - key: b\n    type: deploy.step\n    dependsOn: [a]\n');
    write('d-refs.yaml', 'name: refs\nsteps:\n  - key: a\n    type: nope.step\n  - key: b\n    type: deploy.step\n    dependsOn: [zz]\n    payload: { v: "{{ secrets.token }}" }\n  - key: a\n    type: deploy.step\n');
    write('e-first.yaml', 'name: first\non: go\nsteps:\n  - { key: a, type: deploy.step }\n');
    write('f-second.yaml', 'name: second\non: go\nsteps:\n  - { key: a, type: deploy.step }\n');
    write('notes.txt', 'not a workflow');
    const { workflows, problems } = await loadWorkflows({ dir, registry });

    expect(workflows.map((w) => w.name)).toEqual(['first']);
    expect(problems[0]).toMatch(/^a-syntax\.yaml:5:1: Flow sequence in block collection must be sufficiently indented/);
    expect(problems).toContain('b-schema.yaml:3:5: steps.0: Unrecognized key: "broadcats"');
    expect(problems).toContain('c-graph.yaml:5:16: the steps\' dependencies form a cycle: a → b → a');
    expect(problems).toContain('d-refs.yaml:4:11: steps.0.type: no task definition has type "nope.step"');
    expect(problems).toContain('d-refs.yaml:7:17: steps.1.dependsOn.0: "zz" is no step of this workflow');
    expect(problems).toContain('d-refs.yaml:8:14: steps.1.payload: {{ secrets.token }} names nothing; use payload.…, event or workflow');
    expect(problems).toContain('d-refs.yaml:9:10: steps.2.key: "a" is also the key of steps.0');
    expect(problems).toContain('f-second.yaml:2:5: event "go" is already defined in e-first.yaml');
    expect(problems).toHaveLength(8);
  });

  it('refuses to start with problems, listing them all; triggers fill templates and refuse a payload that lacks a value', async () => {
    write('bad.yaml', 'name: bad\nsteps:\n  - { key: a, type: nope }\n');
    await expect(createBaton({ database: 'sqlite::memory:', definitions: [step], workflowsDir: dir, logger: quiet })).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining('bad.yaml:3:21: steps.0.type: no task definition has type "nope"'),
    });
    write('bad.yaml', 'name: deploy\nsteps:\n  - { key: a, type: deploy.step, payload: { role: "db-{{ payload.region }}", version: "{{ payload.v }}" } }\n');
    const baton = await createBaton({ database: 'sqlite::memory:', definitions: [step], workflowsDir: dir, logger: quiet });
    try {
      const { job, tasks } = await baton.workflows.trigger({ event: 'deploy', payload: { region: 'eu', v: '2.0' } });
      expect(job).toMatchObject({ name: 'deploy', workflow: 'deploy' });
      expect(tasks[0]?.payload).toEqual({ role: 'db-eu', version: '2.0' });
      await expect(baton.workflows.trigger({ event: 'deploy', payload: { region: 'eu' } })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        issues: [{ path: 'payload.v', rule: 'required_by_workflow' }],
      });
      await expect(baton.workflows.trigger({ event: 'nope', payload: {} })).rejects.toMatchObject({ code: 'WORKFLOW_NOT_FOUND' });
    } finally {
      await baton.close();
    }
  });
});
