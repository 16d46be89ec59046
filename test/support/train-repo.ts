import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cloneRepo, commitFiles, createSandbox, git, initBare, type Sandbox } from './git.js';

/**
 * A repository the way a team using release-train has it: a bare `origin` with `main` and
 * `production`, and a working clone that merges PRs the three ways GitHub does (merge commit,
 * squash, rebase) and pushes them. Everything is real git.
 */
export class TrainRepo {
  private clock = Date.parse('2024-05-01T08:00:00Z');

  private constructor(
    readonly sandbox: Sandbox,
    readonly origin: string,
    readonly work: string,
  ) {}

  /** `origin` may be an existing bare repository (e.g. one the GitHub emulator serves). */
  static async create(options: { origin?: string; sandbox?: Sandbox } = {}): Promise<TrainRepo> {
    const sandbox = options.sandbox ?? (await createSandbox('release-train-promote-'));
    const origin = options.origin ?? (await initBare(join(sandbox.root, 'origin.git')));
    const work = await cloneRepo(origin, join(sandbox.root, 'work'));
    const repo = new TrainRepo(sandbox, origin, work);
    await repo.commit({ 'README.md': '# app\n', 'CHANGELOG.md': '# Changelog\n' }, 'chore: initial commit');
    await git(work, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main', 'HEAD:refs/heads/production']);
    return repo;
  }

  /** The next commit date: a minute after the previous one. */
  private tick(): string {
    this.clock += 60_000;
    return new Date(this.clock).toISOString();
  }

  async commit(files: Record<string, string>, message: string): Promise<string> {
    return commitFiles(this.work, files, message, { date: this.tick() });
  }

  async checkout(branch: string, from?: string): Promise<void> {
    await git(this.work, ['checkout', '--quiet', ...(from ? ['-B', branch, from] : [branch])]);
  }

  /** A PR merged with a merge commit ("Merge pull request #N from octo-org/branch", title in the body). */
  async mergeCommit(number: number, title: string, files: Record<string, string>): Promise<string> {
    await this.syncMain();
    await this.checkout(`pr-${number}`, 'main');
    await this.commit(files, title);
    await this.checkout('main');
    const date = this.tick();
    await git(
      this.work,
      [
        'merge',
        '--quiet',
        '--no-ff',
        `pr-${number}`,
        '-m',
        `Merge pull request #${number} from octo-org/pr-${number}`,
        '-m',
        title,
      ],
      { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    );
    return this.pushMain();
  }

  /** A squash merge: one commit "TITLE (#N)". */
  async squash(number: number, title: string, files: Record<string, string>): Promise<string> {
    await this.syncMain();
    await this.commit(files, `${title} (#${number})`);
    return this.pushMain();
  }

  /** A rebase merge: each commit of the PR replayed on main, messages as written (no PR number). */
  async rebase(messages: { message: string; files: Record<string, string> }[]): Promise<string[]> {
    await this.syncMain();
    const shas: string[] = [];
    for (const { message, files } of messages) shas.push(await this.commit(files, message));
    await this.pushMain();
    return shas;
  }

  /** A commit pushed straight to main. */
  async directPush(message: string, files: Record<string, string>): Promise<string> {
    await this.syncMain();
    await this.commit(files, message);
    return this.pushMain();
  }

  /** A hotfix committed straight onto production. */
  async hotfix(message: string, files: Record<string, string>): Promise<string> {
    await git(this.work, ['fetch', '--quiet', 'origin']);
    await this.checkout('production', 'origin/production');
    const sha = await this.commit(files, message);
    await git(this.work, ['push', '--quiet', 'origin', 'HEAD:refs/heads/production']);
    await this.checkout('main');
    return sha;
  }

  private async syncMain(): Promise<void> {
    await git(this.work, ['fetch', '--quiet', 'origin']);
    await this.checkout('main', 'origin/main');
  }

  private async pushMain(): Promise<string> {
    await git(this.work, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
    return git(this.work, ['rev-parse', 'HEAD']);
  }

  /** A fresh clone, as actions/checkout would make for a workflow run. */
  async checkoutForRun(name = 'run'): Promise<string> {
    return cloneRepo(this.origin, join(this.sandbox.root, name));
  }

  async ref(ref: string): Promise<string> {
    return git(this.origin, ['rev-parse', ref]);
  }

  async show(ref: string, path: string): Promise<string> {
    return git(this.origin, ['show', `${ref}:${path}`]);
  }

  /** Installs a server-side hook in origin (e.g. a pre-receive that refuses pushes). */
  async hook(name: string, script: string): Promise<void> {
    const path = join(this.origin, 'hooks', name);
    await writeFile(path, script, { mode: 0o755 });
  }
}
