import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Environment for git in tests: no user or system config, a fixed identity. */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Ada Lovelace',
    GIT_AUTHOR_EMAIL: 'ada@example.com',
    GIT_COMMITTER_NAME: 'Ada Lovelace',
    GIT_COMMITTER_EMAIL: 'ada@example.com',
    GIT_TERMINAL_PROMPT: '0',
    ...extra,
  };
}

export async function git(cwd: string, args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run('git', ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args], {
    cwd,
    env: gitEnv(env),
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout.trimEnd();
}

/** A temporary folder removed by `cleanup`. */
export interface Sandbox {
  root: string;
  cleanup(): Promise<void>;
}

export async function createSandbox(prefix = 'release-train-'): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), prefix));
  return { root, cleanup: () => rm(root, { recursive: true, force: true }) };
}

/** A bare repository whose HEAD names `defaultBranch`. */
export async function initBare(path: string, defaultBranch = 'main'): Promise<string> {
  await mkdir(path, { recursive: true });
  await git(path, ['init', '--bare', '--quiet', `--initial-branch=${defaultBranch}`]);
  return path;
}

/** A working clone of `origin` (a path to a bare repository). */
export async function cloneRepo(origin: string, path: string): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await git(dirname(path), ['clone', '--quiet', origin, path]);
  return path;
}

export interface CommitOptions {
  /** ISO date for author and committer, so histories are reproducible. */
  date?: string;
  author?: { name: string; email: string };
}

/** Writes `files` (path -> content) in `repo`, commits them all, and returns the new commit's sha. */
export async function commitFiles(
  repo: string,
  files: Record<string, string>,
  message: string,
  options: CommitOptions = {},
): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(repo, path)), { recursive: true });
    await writeFile(join(repo, path), content);
  }
  await git(repo, ['add', '--all']);
  const env: Record<string, string> = {};
  if (options.date) Object.assign(env, { GIT_AUTHOR_DATE: options.date, GIT_COMMITTER_DATE: options.date });
  if (options.author) {
    Object.assign(env, { GIT_AUTHOR_NAME: options.author.name, GIT_AUTHOR_EMAIL: options.author.email });
  }
  await git(repo, ['commit', '--quiet', '--allow-empty', '-m', message], env);
  return git(repo, ['rev-parse', 'HEAD']);
}

/** Every ref of a repository with its sha: compare before and after to prove nothing was written. */
export async function refSnapshot(repo: string): Promise<Record<string, string>> {
  const out = await git(repo, ['for-each-ref', '--format=%(refname) %(objectname)']);
  return Object.fromEntries(
    out
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string]),
  );
}
