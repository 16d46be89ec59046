import { join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { parseConfig } from '../../src/config/load.js';
import { STAGES, type StageKey } from '../../src/core/stage.js';
import { cloneRepo, commitFiles, createSandbox, git, refSnapshot, type Sandbox } from './git.js';
import {
  type GitHubEmulator,
  type Route,
  route,
  routes,
  startGitHubEmulator,
} from './github-emulator/index.js';
import { type ActionRun, runAction } from './run-action.js';

export const OWNER = 'octo-org';
export const REPO = 'app';
const stages = parseConfig(undefined).stages;

export type MergeMethod = 'merge' | 'squash' | 'rebase';

/**
 * A team's repository on the GitHub emulator, set up the way release-train finds it: `main` and
 * `production`, stage labels, people with and without write access, PRs opened by alice and
 * merged the three ways GitHub merges, then labelled. The promote action runs against a fresh
 * clone, like actions/checkout makes.
 */
export class PromoteScenario {
  private clock = Date.parse('2024-05-01T08:00:00Z');
  private branchCount = 0;
  /** While set, GitHub answers 500 to the next deployment status of this state (and applies nothing). */
  refuseDeploymentStatus: string | undefined;

  private constructor(
    readonly sandbox: Sandbox,
    readonly github: GitHubEmulator,
    readonly origin: string,
    readonly work: string,
  ) {}

  /** `config` is the text of .github/release-train.yml in the first commit (none by default). */
  static async start(options: { config?: string } = {}): Promise<PromoteScenario> {
    const sandbox = await createSandbox('release-train-promote-');
    let created: PromoteScenario | undefined;
    const github = await startGitHubEmulator({
      gitDir: join(sandbox.root, 'git'),
      now: '2024-05-01T08:00:00Z',
      extraRoutes: [refusableDeploymentStatus(() => created)],
    });
    const origin = await github.createRepo(OWNER, REPO);
    const work = await cloneRepo(origin, join(sandbox.root, 'work'));
    const scenario = new PromoteScenario(sandbox, github, origin, work);
    created = scenario;
    await scenario.commit(
      {
        'README.md': '# app\n',
        'CHANGELOG.md': '# Changelog\n',
        ...(options.config ? { '.github/release-train.yml': options.config } : {}),
      },
      'chore: initial commit',
    );
    await git(work, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main', 'HEAD:refs/heads/production']);
    github.grant(OWNER, REPO, 'alice', 'write');
    github.grant(OWNER, REPO, 'release-bot', 'write');
    github.grant(OWNER, REPO, 'mallory', 'triage');
    for (const stage of STAGES) {
      await scenario.as(OWNER).rest.issues.createLabel({ owner: OWNER, repo: REPO, ...stages[stage] });
    }
    return scenario;
  }

  async stop(): Promise<void> {
    await this.github.close();
    await this.sandbox.cleanup();
  }

  /** A client acting as `login` (the emulator takes the token as the login). */
  as(login: string): Octokit {
    return new Octokit({ auth: login, baseUrl: this.github.url });
  }

  private tick(): string {
    this.clock += 60_000;
    this.github.setNow(new Date(this.clock + 30_000));
    return new Date(this.clock).toISOString();
  }

  async commit(files: Record<string, string>, message: string): Promise<string> {
    return commitFiles(this.work, files, message, { date: this.tick() });
  }

  /**
   * alice opens a PR with one commit per message, and merges it with `method`. Returns its number.
   */
  async mergedPullRequest(
    method: MergeMethod,
    title: string,
    commits: { message?: string; files: Record<string, string> }[],
    options: { body?: string } = {},
  ): Promise<number> {
    const branch = `topic-${++this.branchCount}`;
    await git(this.work, ['fetch', '--quiet', 'origin']);
    await git(this.work, ['checkout', '--quiet', '-B', branch, 'origin/main']);
    for (const commit of commits) await this.commit(commit.files, commit.message ?? title);
    await git(this.work, ['push', '--quiet', 'origin', `HEAD:refs/heads/${branch}`]);
    await git(this.work, ['checkout', '--quiet', '--detach']);
    const alice = this.as('alice');
    const { data: pr } = await alice.rest.pulls.create({
      owner: OWNER,
      repo: REPO,
      title,
      head: branch,
      base: 'main',
      body: options.body ?? '',
    });
    this.tick();
    await alice.rest.pulls.merge({ owner: OWNER, repo: REPO, pull_number: pr.number, merge_method: method });
    this.tick();
    return pr.number;
  }

  /** A PR merged with a single commit; the commit message is the title. */
  async merged(
    method: MergeMethod,
    title: string,
    files: Record<string, string>,
    body?: string,
  ): Promise<number> {
    return this.mergedPullRequest(method, title, [{ files }], body === undefined ? {} : { body });
  }

  async issue(title: string): Promise<number> {
    const { data } = await this.as('alice').rest.issues.create({ owner: OWNER, repo: REPO, title });
    this.tick();
    return data.number;
  }

  /** Puts an issue or PR into `stage` (its only stage label), acting as `by`. */
  async label(number: number, stage: StageKey, by = 'alice'): Promise<void> {
    const client = this.as(by);
    const { data: current } = await client.rest.issues.listLabelsOnIssue({
      owner: OWNER,
      repo: REPO,
      issue_number: number,
    });
    for (const label of current) {
      if (STAGES.some((key) => stages[key].name === label.name) && label.name !== stages[stage].name) {
        await client.rest.issues.removeLabel({
          owner: OWNER,
          repo: REPO,
          issue_number: number,
          name: label.name,
        });
      }
    }
    await client.rest.issues.addLabels({
      owner: OWNER,
      repo: REPO,
      issue_number: number,
      labels: [stages[stage].name],
    });
    this.tick();
  }

  /** Labels every PR given "waiting for production", applied by alice. */
  async ready(...numbers: number[]): Promise<void> {
    for (const number of numbers) await this.label(number, 'waiting-for-production');
  }

  async labelsOf(number: number): Promise<string[]> {
    const { data } = await this.as(OWNER).rest.issues.listLabelsOnIssue({
      owner: OWNER,
      repo: REPO,
      issue_number: number,
    });
    return data.map((label) => label.name).sort();
  }

  /** A commit pushed straight to main, without a PR. */
  async directPush(message: string, files: Record<string, string>): Promise<string> {
    await git(this.work, ['fetch', '--quiet', 'origin']);
    await git(this.work, ['checkout', '--quiet', '--detach', 'origin/main']);
    const sha = await this.commit(files, message);
    await git(this.work, ['push', '--quiet', 'origin', 'HEAD:refs/heads/main']);
    return sha;
  }

  /** A hotfix committed straight onto production. */
  async hotfix(message: string, files: Record<string, string>): Promise<string> {
    await git(this.work, ['fetch', '--quiet', 'origin']);
    await git(this.work, ['checkout', '--quiet', '--detach', 'origin/production']);
    const sha = await this.commit(files, message);
    await git(this.work, ['push', '--quiet', 'origin', 'HEAD:refs/heads/production']);
    return sha;
  }

  /** Installs a server-side hook in the repository the emulator serves (e.g. a pre-receive that refuses). */
  async hook(name: string, script: string): Promise<void> {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(this.origin, 'hooks', name), script, { mode: 0o755 });
  }

  async ref(ref: string): Promise<string> {
    return git(this.origin, ['rev-parse', ref]);
  }

  async show(ref: string, path: string): Promise<string> {
    return git(this.origin, ['show', `${ref}:${path}`]);
  }

  async log(ref: string, count = 5): Promise<string[]> {
    return (await git(this.origin, ['log', '--format=%s', `-${count}`, ref])).split('\n');
  }

  /** Every ref of the remote and every label of every issue and PR, to compare before and after. */
  async snapshot(): Promise<{
    refs: Record<string, string>;
    labels: Record<number, string[]>;
    releases: number;
    deployments: number;
  }> {
    const client = this.as(OWNER);
    const issues = await client.paginate(client.rest.issues.listForRepo, {
      owner: OWNER,
      repo: REPO,
      state: 'all',
      per_page: 100,
    });
    const labels: Record<number, string[]> = {};
    for (const issue of issues) {
      labels[issue.number] = issue.labels
        .map((label) => (typeof label === 'string' ? label : (label.name ?? '')))
        .sort();
    }
    const releases = (await client.rest.repos.listReleases({ owner: OWNER, repo: REPO })).data.length;
    const deployments = (await client.rest.repos.listDeployments({ owner: OWNER, repo: REPO })).data.length;
    return { refs: await refSnapshot(this.origin), labels, releases, deployments };
  }

  /** A fresh clone for a run, as actions/checkout makes with fetch-depth: 0. */
  async checkout(name = `run-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`): Promise<string> {
    return cloneRepo(this.origin, join(this.sandbox.root, name));
  }

  /** Runs the bundled promote action the way the runner does. */
  async promote(
    inputs: Record<string, string | boolean> = {},
    options: { now?: string; env?: Record<string, string>; workspace?: string; runId?: string } = {},
  ): Promise<ActionRun> {
    // GitHub's clock and the deploy's agree during a run, as they do in life.
    const now = options.now ?? '2024-05-02T10:00:00Z';
    this.clock = Math.max(this.clock, Date.parse(now));
    this.github.setNow(now);
    return runAction('promote', {
      inputs: { 'github-token': 'release-bot', ...inputs },
      repository: `${OWNER}/${REPO}`,
      apiUrl: this.github.url,
      serverUrl: 'https://github.com',
      workspace: options.workspace ?? (await this.checkout()),
      env: { RELEASE_TRAIN_NOW: now, ...options.env },
      timeoutMs: 30_000,
      ...(options.runId ? { runId: options.runId } : {}),
    });
  }
}

const STATUSES = '/repos/{owner}/{repo}/deployments/{deployment_id}/statuses';

/** The emulator's own deployment-status endpoint, refusing one state when a test asks it to. */
function refusableDeploymentStatus(scenario: () => PromoteScenario | undefined): Route {
  const original = routes.find(
    (candidate) => candidate.method === 'POST' && candidate.template === STATUSES,
  )!;
  return route('POST', STATUSES, (request, ctx) => {
    const current = scenario();
    if (current?.refuseDeploymentStatus && request.body?.state === current.refuseDeploymentStatus) {
      current.refuseDeploymentStatus = undefined;
      return {
        status: 500,
        body: { message: 'Server Error', documentation_url: 'https://docs.github.com/rest' },
      };
    }
    return original.handler(request, ctx);
  });
}

/**
 * A `git` in front of the real one for the action's child process: before the push it is named
 * for (the atomic deploy push, or the CHANGELOG push to main) it runs `before` once per call up to
 * `times`: someone else's push landing at that very moment, with real git.
 */
export async function gitShim(
  sandbox: Sandbox,
  options: { on: 'deploy-push' | 'changelog-push'; before: string; times?: number },
): Promise<Record<string, string>> {
  const { writeFile, mkdir } = await import('node:fs/promises');
  const { execFileSync } = await import('node:child_process');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const folder = join(sandbox.root, `shim-${Math.random().toString(36).slice(2, 8)}`);
  await mkdir(folder, { recursive: true });
  const test =
    options.on === 'deploy-push'
      ? '[ "$arg" = "--atomic" ]'
      : 'case "$arg" in *:refs/heads/main) ! printf "%s" "$*" | grep -q -- --atomic;; *) false;; esac';
  await writeFile(
    join(folder, 'git'),
    `#!/bin/bash
count_file="${folder}/count"
for arg in "$@"; do
  if ${test}; then
    count=$(cat "$count_file" 2>/dev/null || echo 0)
    if [ "$count" -lt ${options.times ?? 1} ]; then
      echo $((count + 1)) > "$count_file"
      ( export PATH="${process.env.PATH}"; ${options.before} ) >/dev/null 2>&1
    fi
  fi
done
exec ${realGit} "$@"
`,
    { mode: 0o755 },
  );
  return { PATH: `${folder}:${process.env.PATH}` };
}
