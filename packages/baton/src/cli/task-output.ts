import type { AgentResource, TaskExplanation, TaskResource } from '@baton/core';

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain table, columns padded to their widest cell; the first row is the header. */
function printTable(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
}

function printTaskTable(tasks: readonly TaskResource[]): void {
  printTable([
    ['ID', 'TYPE', 'STATE', 'ATTEMPT', 'RUN AT', 'UPDATED'],
    ...tasks.map((t) => [t.id, t.type, t.state, `${t.attempt}/${t.maxAttempts}`, t.runAt, t.updatedAt]),
  ]);
}

function printAgentTable(agents: readonly AgentResource[]): void {
  printTable([
    ['ID', 'HOST', 'SERVICE', 'TAGS', 'STATE', 'LOAD', 'TYPES', 'LAST SEEN'],
    ...agents.map((a) => [a.id, a.host, a.labels.service ?? '-', a.labels.tags.join(',') || '-', a.state, `${a.running}/${a.concurrency}`, a.types.join(','), a.lastSeenAt ?? '-']),
  ]);
}

/** The task's state, then one line per reason it is not running, each with when it ends by itself if known. */
function printExplanation(explanation: TaskExplanation): void {
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

export { printJson, printTable, printTaskTable, printAgentTable, printExplanation };
