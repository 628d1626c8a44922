import { progressText } from './progress-line.js';
function printJson(value) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
/** A plain table, columns padded to their widest cell; the first row is the header. */
function printTable(rows) {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    for (const row of rows)
        process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()}\n`);
}
function printTaskTable(tasks) {
    printTable([
        ['ID', 'TYPE', 'STATE', 'ATTEMPT', 'RUN AT', 'UPDATED'],
        ...tasks.map((t) => [t.id, t.type, t.state, `${t.attempt}/${t.maxAttempts}`, t.runAt, t.updatedAt]),
    ]);
}
function printAgentTable(agents) {
    printTable([
        ['ID', 'HOST', 'SERVICE', 'TAGS', 'STATE', 'LOAD', 'TYPES', 'LAST SEEN'],
        ...agents.map((a) => [a.id, a.host, a.labels.service ?? '-', a.labels.tags.join(',') || '-', a.state, `${a.running}/${a.concurrency}`, a.types.join(','), a.lastSeenAt ?? '-']),
    ]);
}
/** `key  value` lines, the keys padded to the widest; a value that is not a string is shown as JSON. */
function printFields(fields) {
    const width = Math.max(...fields.map(([k]) => k.length));
    for (const [key, value] of fields)
        process.stdout.write(`${`${key}:`.padEnd(width + 2)}${typeof value === 'string' ? value : JSON.stringify(value)}\n`);
}
/** One task for people: what it is, where it stands, what it returned or why it failed. */
function printTaskDetail(task) {
    const fields = [
        ['task', task.id],
        ['type', task.type],
        ['state', task.state + (task.endReason ? ` (${task.endReason})` : '')],
        ['attempt', `${task.attempt} of ${task.maxAttempts}`],
        ['run at', task.runAt],
        ['submitted', task.submittedAt],
        ['updated', task.updatedAt],
    ];
    if (task.agentId)
        fields.push(['agent', task.agentId]);
    if (task.jobId)
        fields.push(['job', `${task.jobId}${task.key ? ` (${task.key})` : ''}`]);
    const progress = progressText(task.progress);
    if (progress !== null)
        fields.push(['progress', progress]);
    if (task.waiting)
        fields.push(['waiting', `${task.waiting.reason}: ${task.waiting.message}`]);
    // JSON, so a string result reads apart from a number.
    fields.push(['payload', JSON.stringify(task.payload)]);
    if (task.state === 'succeeded')
        fields.push(['result', JSON.stringify(task.result)]);
    for (const [i, error] of task.errors.entries())
        fields.push([`error ${i + 1}`, `${error.at} attempt ${error.attempt}: ${error.name}: ${error.message}`]);
    printFields(fields);
}
/** One agent for people, with the tasks it holds. */
function printAgentDetail(agent) {
    printFields([
        ['agent', agent.id],
        ['host', agent.host],
        ['state', agent.state],
        ['load', `${agent.running}/${agent.concurrency}`],
        ['service', agent.labels.service ?? '-'],
        ['tags', agent.labels.tags.join(', ') || '-'],
        ['types', agent.types.join(', ')],
        ['last seen', agent.lastSeenAt ?? '-'],
        ['holds', agent.taskIds.join(', ') || '-'],
    ]);
}
/** The task's state, then one line per reason it is not running, each with when it ends by itself if known. */
function printExplanation(explanation) {
    process.stdout.write(`task ${explanation.taskId}: ${explanation.state}\n`);
    if (explanation.reasons.length === 0) {
        process.stdout.write(`  ${explanation.summary}\n`);
        return;
    }
    printTable([
        ['  REASON', 'UNTIL', 'WHY'],
        ...explanation.reasons.map((r) => [`  ${r.code}`, r.until === null ? '-' : new Date(r.until).toISOString(), r.message]),
    ]);
}
export { printJson, printTable, printFields, printTaskTable, printTaskDetail, printAgentTable, printAgentDetail, printExplanation };
//# sourceMappingURL=task-output.js.map