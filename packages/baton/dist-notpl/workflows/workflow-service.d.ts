import type { JobService } from '../engine/job-service.js';
import type { Workflow } from './workflow-loader.js';
/**
 * Named workflows and the events that start them: a trigger fills the
 * workflow's payload templates and submits one job, its steps in the order
 * the file gives.
 */
declare function createWorkflowService(params: {
    workflows: readonly Workflow[];
    jobs: Pick<JobService, 'submit'>;
}): {
    list: () => readonly Workflow[];
    trigger(trigger: {
        event: string;
        payload: unknown;
    }): Promise<import("../engine/job-service.js").SubmittedJob>;
};
type WorkflowService = ReturnType<typeof createWorkflowService>;
export { createWorkflowService };
export type { WorkflowService };
//# sourceMappingURL=workflow-service.d.ts.map