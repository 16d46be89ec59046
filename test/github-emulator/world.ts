import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { cloneRepo, commitFiles, createSandbox, git, type Sandbox } from '../support/git.js';
import {
  type GitHubEmulator,
  type GitHubEmulatorOptions,
  startGitHubEmulator,
} from '../support/github-emulator/index.js';

/** An emulated GitHub with octo-org/app (one commit on main) and a working clone of it. */
export interface World {
  gh: GitHubEmulator;
  box: Sandbox;
  /** The bare repository octo-org/app.git. */
  origin: string;
  /** A clone of origin, on main. */
  work: string;
  /** A plain Octokit client acting as `login`. */
  as(login: string): Octokit;
  /** Commits `files` on a new branch from `from` (default main) and pushes it; returns the head sha. */
  pushBranch(branch: string, files: Record<string, string>, message: string, from?: string): Promise<string>;
  /** Commits on main and pushes. */
  pushMain(files: Record<string, string>, message: string): Promise<string>;
  /** The sha a ref of origin points at. */
  tip(ref: string): Promise<string>;
  close(): Promise<void>;
}

export const repo = { owner: 'octo-org', repo: 'app' };

/** Octokit logs every 4xx it receives; the tests expect many. */
export const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export async function createWorld(options: Partial<GitHubEmulatorOptions> = {}): Promise<World> {
  const box = await createSandbox('release-train-emulator-');
  const gh = await startGitHubEmulator({
    gitDir: join(box.root, 'git'),
    now: '2024-05-01T10:00:00Z',
    ...options,
  });
  const origin = await gh.createRepo('octo-org', 'app');
  const work = await cloneRepo(origin, join(box.root, 'work'));
  await commitFiles(work, { 'README.md': 'app\n' }, 'chore: initial commit', {
    date: '2024-04-01T09:00:00Z',
  });
  await git(work, ['push', '--quiet', 'origin', 'HEAD:main']);

  const world: World = {
    gh,
    box,
    origin,
    work,
    as: (login) => new Octokit({ baseUrl: gh.url, auth: login, log: quiet }),
    async pushBranch(branch, files, message, from = 'main') {
      await git(work, ['fetch', '--quiet', 'origin']);
      await git(work, ['checkout', '--quiet', '-B', branch, `origin/${from}`]);
      const sha = await commitFiles(work, files, message, { date: '2024-04-15T12:00:00Z' });
      await git(work, ['push', '--quiet', '--force', 'origin', `HEAD:refs/heads/${branch}`]);
      return sha;
    },
    async pushMain(files, message) {
      await git(work, ['fetch', '--quiet', 'origin']);
      await git(work, ['checkout', '--quiet', '-B', 'main', 'origin/main']);
      const sha = await commitFiles(work, files, message, { date: '2024-04-20T12:00:00Z' });
      await git(work, ['push', '--quiet', 'origin', 'HEAD:main']);
      return sha;
    },
    tip: (ref) => git(origin, ['rev-parse', ref]),
    async close() {
      await gh.close();
      await box.cleanup();
    },
  };
  return world;
}
