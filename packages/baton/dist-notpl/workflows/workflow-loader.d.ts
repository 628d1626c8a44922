import { type DefinitionRegistry, type FailurePolicy, type WorkflowStep } from '@baton/core';
/** A workflow as loaded: its steps with their dependencies spelled out. */
interface Workflow {
    name: string;
    on: string;
    description: string | null;
    failurePolicy: FailurePolicy;
    /** The file it came from, relative to the folder. */
    file: string;
    steps: (WorkflowStep & {
        dependsOn: string[];
    })[];
}
/**
 * Reads every `*.yaml` / `*.yml` in a folder and checks each workflow: YAML
 * syntax, the file's schema, then the graph (unique keys, known dependencies,
 * no cycle), the task types (known definitions), the placeholders, and that
 * no two workflows answer one event. Every problem names the file, the line
 * and the column; none is fixed silently.
 */
declare function loadWorkflows(params: {
    dir: string;
    registry: DefinitionRegistry;
}): Promise<{
    workflows: Workflow[];
    problems: string[];
}>;
export { loadWorkflows };
export type { Workflow };
//# sourceMappingURL=workflow-loader.d.ts.map