import type { TaskResource } from '@baton/core';

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A plain table, columns padded to their widest cell. */
function printTaskTable(tasks: readonly TaskResource[]): void {
  const rows = [
    ['ID', 'TYPE', 'STATE', 'ATTEMPT', 'RUN AT', 'UPDATED'],
    ...tasks.map((t) => [t.id, t.type, t.state, `${t.attempt}/${t.maxAttempts}`, t.runAt, t.updatedAt]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const row of rows) process.stdout.write(`${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()}\n`);
}

export { printJson, printTaskTable };
