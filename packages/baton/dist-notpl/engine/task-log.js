/** The fields every task line carries, so a log search by task or job id finds its whole life. */
const fieldsOf = (task) => ({ taskId: task.id, jobId: task.jobId, type: task.type, attempt: task.attempt, agentId: task.agentId });
/**
 * Structured lines about the work passing through this node, each with the
 * task's and job's ids: claims and successes at debug (one per task would
 * drown the rest at info), failures, retries and cancels at info, lease
 * rescues at warn.
 */
function createTaskLog(logger) {
    return {
        claimed(tasks) {
            for (const task of tasks)
                logger.debug?.(fieldsOf(task), 'task claimed');
        },
        reported(task) {
            if (task.state === 'succeeded')
                logger.debug?.(fieldsOf(task), 'task succeeded');
            else if (task.state === 'failed')
                logger.info?.({ ...fieldsOf(task), error: task.errors.at(-1)?.message, endReason: task.endReason }, 'task failed');
            else if (task.state === 'cancelled')
                logger.info?.({ ...fieldsOf(task), endReason: task.endReason }, 'task cancelled while running');
            else if (task.state === 'scheduled' || task.state === 'queued') {
                logger.info?.({ ...fieldsOf(task), error: task.errors.at(-1)?.message, retryAt: new Date(task.runAt).toISOString() }, 'task attempt failed; it will be retried');
            }
        },
        rescued(tasks) {
            for (const task of tasks)
                logger.warn({ ...fieldsOf(task), state: task.state }, 'lease ran out (agent dead, frozen or cut off): the task was taken back');
        },
    };
}
/** Tells every observer, in order. */
function allOf(observers) {
    return {
        claimed: (tasks) => observers.forEach((o) => o.claimed(tasks)),
        reported: (task) => observers.forEach((o) => o.reported(task)),
        rescued: (tasks) => observers.forEach((o) => o.rescued(tasks)),
    };
}
export { createTaskLog, allOf };
//# sourceMappingURL=task-log.js.map