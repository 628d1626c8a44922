import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { unknownRoots, WorkflowFileSchema } from '@baton/core';
import { findCycle } from '../engine/job-submission.js';
const MAX_FILE_BYTES = 1_000_000;
/** The line and column where the node at `path` starts, or the nearest enclosing node that exists. */
function positionOf(doc, counter, path) {
    for (let n = path.length; n >= 0; n--) {
        const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
        const range = node?.range;
        if (range) {
            const { line, col } = counter.linePos(range[0]);
            return `${line}:${col}`;
        }
    }
    return '1:1';
}
/**
 * Reads every `*.yaml` / `*.yml` in a folder and checks each workflow: YAML
 * syntax, the file's schema, then the graph (unique keys, known dependencies,
 * no cycle), the task types (known definitions), the placeholders, and that
 * no two workflows answer one event. Every problem names the file, the line
 * and the column; none is fixed silently.
 */
async function loadWorkflows(params) {
    const names = (await readdir(params.dir)).filter((f) => /\.ya?ml$/i.test(f)).sort();
    const workflows = [];
    const problems = [];
    for (const file of names) {
        const text = await readFile(join(params.dir, file), 'utf8');
        const at = (where, message) => problems.push(`${file}:${where}: ${message}`);
        if (text.length > MAX_FILE_BYTES) {
            at('1:1', `larger than ${MAX_FILE_BYTES} bytes`);
            continue;
        }
        const counter = new LineCounter();
        const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true, prettyErrors: false });
        if (doc.errors.length > 0) {
            for (const error of doc.errors) {
                const { line, col } = counter.linePos(error.pos[0]);
                at(`${line}:${col}`, error.message.split('\n')[0] ?? error.message);
            }
            continue;
        }
        const parsed = WorkflowFileSchema.safeParse(doc.toJS({ maxAliasCount: 100 }));
        if (!parsed.success) {
            for (const issue of parsed.error.issues) {
                const field = issue.path.map(String).join('.') || '(the file)';
                at(positionOf(doc, counter, issue.path), `${field}: ${issue.message}`);
            }
            continue;
        }
        const spec = parsed.data;
        const before = problems.length;
        const keys = new Map();
        spec.steps.forEach((step, i) => {
            const where = (...rest) => positionOf(doc, counter, ['steps', i, ...rest]);
            if (keys.has(step.key))
                at(where('key'), `steps.${i}.key: "${step.key}" is also the key of steps.${keys.get(step.key)}`);
            keys.set(step.key, i);
            if (!params.registry.get(step.type))
                at(where('type'), `steps.${i}.type: no task definition has type "${step.type}"`);
            for (const bad of unknownRoots(step.payload))
                at(where('payload'), `steps.${i}.payload: ${bad} names nothing; use payload.…, event or workflow`);
        });
        const steps = spec.steps.map((step, i) => ({ ...step, dependsOn: step.dependsOn ?? (i > 0 ? [spec.steps[i - 1]?.key ?? ''] : []) }));
        steps.forEach((step, i) => {
            step.dependsOn.forEach((key, j) => {
                if (!keys.has(key))
                    at(positionOf(doc, counter, ['steps', i, 'dependsOn', j]), `steps.${i}.dependsOn.${j}: "${key}" is no step of this workflow`);
            });
        });
        if (problems.length === before) {
            const cycle = findCycle(steps);
            if (cycle)
                at(positionOf(doc, counter, ['steps', keys.get(cycle[0] ?? '') ?? 0, 'dependsOn']), `the steps' dependencies form a cycle: ${cycle.join(' → ')}`);
        }
        const on = spec.on ?? spec.name;
        const clash = workflows.find((w) => w.on === on || w.name === spec.name);
        if (clash)
            at(positionOf(doc, counter, [spec.on ? 'on' : 'name']), `${clash.name === spec.name ? `workflow "${spec.name}"` : `event "${on}"`} is already defined in ${clash.file}`);
        if (problems.length > before)
            continue;
        workflows.push({ name: spec.name, on, description: spec.description ?? null, failurePolicy: spec.failurePolicy ?? 'fail-fast', file, steps });
    }
    return { workflows, problems };
}
export { loadWorkflows };
//# sourceMappingURL=workflow-loader.js.map