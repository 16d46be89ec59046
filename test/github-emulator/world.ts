import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { createSandbox, git, gitEnv, type Sandbox } from '../support/git.js';
import {
  type GitHubEmulator,
  type GitHubEmulatorOptions,
  startGitHubEmulator,
} from '../support/github-emulator/index.js';

/** Octokit logs every 4xx it receives; the tests expect many. */
export const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export const repo = { owner: 'octo-org', repo: 'app' };

export interface CommitOptions {
  /** Where a new branch starts (default main); an existing branch grows from its tip. */
  from?: string;
  author?: { name: string; email: string };
  /** ISO date of author and committer (default 2024-04-15T12:00:00Z). */
  date?: string;
}

/** An emulated GitHub with octo-org/app (one commit on main). */
export interface World {
  gh: GitHubEmulator;
  box: Sandbox;
  /** The bare repository octo-org/app.git. */
  origin: string;
  /** A plain Octokit client acting as `login`. */
  as(login: string): Octokit;
  /**
   * Writes a commit of `files` (path -> content) on `branch` straight into a bare repository
   * (origin unless `into` is given), as a push would; returns its sha.
   */
  commit(
    branch: string,
    files: Record<string, string>,
    message: string,
    options?: CommitOptions & { into?: string },
  ): Promise<string>;
  /** The sha a ref of origin points at. */
  tip(ref: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * One `git fast-import` per commit: the same objects and ref update a push makes, without the
 * cost of a clone and a transport for every branch a test needs.
 */
async function fastImportCommit(
  bare: string,
  branch: string,
  files: Record<string, string>,
  message: string,
  options: CommitOptions,
): Promise<string> {
  const existing = await git(bare, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).catch(
    () => '',
  );
  const parent =
    existing ||
    (await git(bare, ['rev-parse', '--verify', '--quiet', `refs/heads/${options.from ?? 'main'}`]).catch(
      () => '',
    ));
  const when = Math.floor(new Date(options.date ?? '2024-04-15T12:00:00Z').getTime() / 1000);
  const author = options.author ?? { name: 'Ada Lovelace', email: 'ada@example.com' };
  const data = (text: string) => `data ${Buffer.byteLength(text)}\n${text}\n`;
  const stream = [
    `commit refs/heads/${branch}\n`,
    `author ${author.name} <${author.email}> ${when} +0000\n`,
    `committer Ada Lovelace <ada@example.com> ${when} +0000\n`,
    data(message),
    parent ? `from ${parent}\n` : '',
    ...Object.entries(files).map(([path, content]) => `M 100644 inline ${path}\n${data(content)}`),
    '\n',
  ].join('');
  await new Promise<void>((resolve, reject) => {
    const child = execFile(
      'git',
      ['fast-import', '--quiet', '--force', '--date-format=raw'],
      { cwd: bare, env: gitEnv({ GIT_DIR: bare }) },
      (error) => (error ? reject(error) : resolve()),
    );
    child.stdin!.end(stream);
  });
  return git(bare, ['rev-parse', `refs/heads/${branch}`]);
}

export async function createWorld(options: Partial<GitHubEmulatorOptions> = {}): Promise<World> {
  const box = await createSandbox('release-train-emulator-');
  const gh = await startGitHubEmulator({
    gitDir: join(box.root, 'git'),
    now: '2024-05-01T10:00:00Z',
    ...options,
  });
  const origin = await gh.createRepo('octo-org', 'app');
  await fastImportCommit(origin, 'main', { 'README.md': 'app\n' }, 'chore: initial commit', {
    date: '2024-04-01T09:00:00Z',
  });
  return {
    gh,
    box,
    origin,
    as: (login) => new Octokit({ baseUrl: gh.url, auth: login, log: quiet }),
    commit: (branch, files, message, commitOptions = {}) =>
      fastImportCommit(commitOptions.into ?? origin, branch, files, message, commitOptions),
    tip: (ref) => git(origin, ['rev-parse', ref]),
    async close() {
      await gh.close();
      await box.cleanup();
    },
  };
}
