import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('the SDK stays loadable in a browser', () => {
  it('has no static import of a Node-only module anywhere in @baton/client (they are loaded lazily where needed)', () => {
    const offenders = files(SRC).flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .filter((line) => /^\s*import\s[^(]*from\s+['"](node:|fs|path|os|child_process|worker_threads)/.test(line))
        .map((line) => `${path.slice(SRC.length)}: ${line.trim()}`),
    );
    expect(offenders).toEqual([]);
  });

  it('talks to the server with fetch, web streams and AbortSignal only', () => {
    const http = files(join(SRC, 'http')).map((path) => readFileSync(path, 'utf8')).join('\n');
    expect(http).toContain('fetch');
    expect(http).not.toMatch(/from ['"]node:/);
    expect(http).not.toMatch(/\bBuffer\b|\bprocess\./);
  });
});
