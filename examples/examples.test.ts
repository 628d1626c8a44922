import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);

it('examples/embedded.mjs runs a task to completion', async () => {
  const script = fileURLToPath(new URL('./embedded.mjs', import.meta.url));
  const { stdout } = await run(process.execPath, [script], { timeout: 15_000 });
  expect(stdout.trim()).toBe('succeeded: {"deliveredTo":"ada@example.com","attempt":1}');
});

it('examples/deploy.mjs rolls out db, then app, then lb from examples/workflows/deploy.yaml', async () => {
  const script = fileURLToPath(new URL('./deploy.mjs', import.meta.url));
  const { stdout } = await run(process.execPath, [script], { timeout: 15_000 });
  expect(stdout.trim().split('\n')).toEqual(['db: succeeded on db-1, db-2', 'app: succeeded on app-1, app-2', 'lb: succeeded on lb-1']);
});
