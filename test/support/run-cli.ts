import { spawn } from 'node:child_process';
import { join } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;

export interface ProcessRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a Node script in a child process and collects its output, asynchronously so that emulators
 * served by the test process keep answering. Killed after `timeoutMs`.
 */
export async function runNode(
  script: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<ProcessRun> {
  const child = spawn(process.execPath, [script, ...args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
  try {
    const exitCode = await new Promise<number | null>((resolve, reject) => {
      child.on('error', reject);
      child.on('close', resolve);
    });
    return { exitCode, stdout, stderr };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the bundled CLI (dist/cli.js) as a person would. */
export function runCli(
  args: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<ProcessRun> {
  return runNode(join(root, 'dist/cli.js'), args, {
    cwd: options.cwd ?? root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'C.UTF-8', ...options.env },
    ...(options.timeoutMs !== undefined && { timeoutMs: options.timeoutMs }),
  });
}
