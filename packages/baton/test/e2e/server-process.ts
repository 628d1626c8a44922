import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../bin/baton.js', import.meta.url));

/** Starts the built `baton server` as a real child process and waits for its address. */
async function startServerProcess(params: {
  args: string[];
  cwd: string;
  timeoutMs?: number;
  env?: Record<string, string>;
}): Promise<{ url: string; child: ChildProcess; output: () => string; adminToken: string | null }> {
  const child = spawn(process.execPath, [CLI, 'server', '--port', '0', ...params.args], {
    cwd: params.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...params.env },
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`server did not start within the deadline:\n${output}`)), params.timeoutMs ?? 15_000);
    const check = () => {
      const match = /listening on (http:\/\/[^\s]+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(deadline);
        resolve(match[1]);
      }
    };
    child.stdout.on('data', check);
    child.on('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`server exited with ${code}:\n${output}`));
    });
  });
  // Printed once, by the first server to start on a database; later ones find a token and print none.
  const adminToken = /Admin token[^:]*: (bat_\S+)/.exec(output)?.[1] ?? null;
  return { url, child, output: () => output, adminToken };
}

/** Starts `baton agent` as a real child process and waits until it works for its server. */
async function startAgentProcess(params: { args: string[]; cwd: string; env?: Record<string, string>; timeoutMs?: number; runUnder?: string[] }): Promise<{ child: ChildProcess; output: () => string }> {
  // runUnder: a command that execs the agent in another context (`ip netns exec NAME`), so the pid is still the agent's.
  const [command, ...prefix] = [...(params.runUnder ?? []), process.execPath];
  const child = spawn(command!, [...prefix, CLI, ...params.args], { cwd: params.cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...params.env } });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const deadline = setTimeout(() => reject(new Error(`agent did not start within the deadline:\n${output}`)), params.timeoutMs ?? 15_000);
    child.stdout.on('data', () => {
      if (/working for/.test(output)) {
        clearTimeout(deadline);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(deadline);
      reject(new Error(`agent exited with ${code}:\n${output}`));
    });
  });
  return { child, output: () => output };
}

function runCli(params: { args: string[]; cwd: string }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...params.args], { cwd: params.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

export { startServerProcess, startAgentProcess, runCli, exitOf };
