import { BatonError, renderTemplate } from '@baton/core';
/**
 * Named workflows and the events that start them: a trigger fills the
 * workflow's payload templates and submits one job, its steps in the order
 * the file gives.
 */
function createWorkflowService(params) {
    const byEvent = new Map(params.workflows.map((w) => [w.on, w]));
    return {
        list: () => params.workflows,
        async trigger(trigger) {
            const workflow = byEvent.get(trigger.event);
            if (!workflow) {
                const known = [...byEvent.keys()];
                throw new BatonError({ code: 'WORKFLOW_NOT_FOUND', message: `no workflow is triggered by event "${trigger.event}"${known.length ? ` (events: ${known.slice(0, 20).join(', ')})` : ' (no workflows are loaded; start the server with --workflows DIR)'}` });
            }
            const vars = { payload: trigger.payload ?? null, event: trigger.event, workflow: workflow.name };
            const issues = [];
            const tasks = workflow.steps.map((step) => {
                const { value, missing } = renderTemplate({ template: step.payload ?? {}, vars, at: `steps.${step.key}.payload` });
                for (const m of missing) {
                    const path = /\{\{\s*([^\s}]+)/.exec(m.placeholder)?.[1] ?? 'payload';
                    issues.push({ path, rule: 'required_by_workflow', message: `${m.at} uses ${m.placeholder}, which the trigger's payload does not have` });
                }
                const { key, type, target, broadcast, dependsOn, priority, maxAttempts, timeoutMs } = step;
                return { key, type, payload: value, dependsOn, ...(target ? { target } : {}), ...(broadcast !== undefined ? { broadcast } : {}), ...(priority !== undefined ? { priority } : {}), ...(maxAttempts !== undefined ? { maxAttempts } : {}), ...(timeoutMs !== undefined ? { timeoutMs } : {}) };
            });
            const first = issues[0];
            if (first)
                throw new BatonError({ code: 'VALIDATION_FAILED', message: `${first.path}: ${first.message}`, issues });
            return params.jobs.submit({ name: workflow.name, failurePolicy: workflow.failurePolicy, tasks }, { workflow: workflow.name });
        },
    };
}
export { createWorkflowService };
//# sourceMappingURL=workflow-service.js.map