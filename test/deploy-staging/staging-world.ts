import { commitFiles, git } from '../support/git.js';
import type { GitHubEmulator } from '../support/github-emulator/index.js';
import { type ActionRun, type RunActionOptions, runAction } from '../support/run-action.js';
import { runCli } from '../support/run-cli.js';
import { createScenario, type Scenario } from '../support/scenario.js';

export const repo = { owner: 'octo-org', repo: 'app' };
export const WAITING = 'stage: waiting for staging';
export const TESTING = 'stage: testing';

export const defaultConfig = `components:
  api:
    staging: { kind: workflow }
  web: {}
`;

/**
 * A scenario (octo-org/app in the GitHub emulator, with a working clone) set up for staging
 * deploys: the config on main, the stage labels, and helpers that merge pull requests through the
 * API (real merge commits), read deployments back, and run the bundled deploy-staging action and
 * `release-train status` as the repository's owner.
 */
export interface StagingWorld {
  scenario: Scenario;
  gh: GitHubEmulator;
  /** Octokit acting as the repository's owner. */
  api: ReturnType<Scenario['as']>;
  /** Pushes a commit of `files` on `branch` (from main's tip when new) and returns its sha. */
  push(branch: string, files: Record<string, string>, message: string): Promise<string>;
  /** Opens a PR from a new branch, merges it, labels it "waiting for staging" unless told otherwise. */
  mergePull(
    title: string,
    options?: { body?: string; label?: string | null; method?: 'merge' | 'squash' | 'rebase' },
  ): Promise<{ number: number; mergeSha: string }>;
  openIssue(title: string, labels?: string[]): Promise<number>;
  tip(branch: string): Promise<string>;
  labelsOf(number: number): Promise<string[]>;
  commentsOn(number: number): Promise<string[]>;
  /** Every deployment, oldest first, with its statuses (newest first). */
  deployments(): Promise<DeploymentView[]>;
  /** Labels and comments of every issue and PR, and every deployment: compare before and after. */
  snapshot(): Promise<unknown>;
  deploy(inputs: Record<string, string>, options?: RunActionOptions): Promise<ActionRun>;
  /** `release-train status` as a person runs it; its standard output. */
  status(args?: string[]): Promise<string>;
  close(): Promise<void>;
}

export interface DeploymentView {
  id: number;
  sha: string;
  ref: string;
  task: string;
  environment: string;
  payload: unknown;
  statuses: { state: string; log_url?: string; description?: string | null }[];
}

let branchCounter = 0;

export async function createStagingWorld(config = defaultConfig): Promise<StagingWorld> {
  const scenario = await createScenario({
    files: { 'README.md': 'app\n', '.github/release-train.yml': config },
    now: '2024-05-01T10:00:00Z',
  });
  const { gh, work } = scenario;
  const api = scenario.as(repo.owner);
  for (const [name, color] of [
    [WAITING, 'fbca04'],
    [TESTING, '1d76db'],
    ['stage: waiting for production', '0e8a16'],
    ['stage: done', '5319e7'],
  ] as const) {
    await api.rest.issues.createLabel({ ...repo, name, color });
  }

  const push: StagingWorld['push'] = async (branch, files, message) => {
    await git(work, ['fetch', '-q', 'origin']);
    const exists = await git(work, ['ls-remote', '--heads', 'origin', branch]);
    await git(work, ['checkout', '-q', '-B', branch, exists ? `origin/${branch}` : 'origin/main']);
    const sha = await commitFiles(work, files, message);
    await git(work, ['push', '-q', 'origin', `${branch}:refs/heads/${branch}`]);
    await git(work, ['checkout', '-q', '-B', 'main', 'origin/main']);
    return sha;
  };

  const world: StagingWorld = {
    scenario,
    gh,
    api,
    push,
    async mergePull(title, options = {}) {
      const number = await scenario.openPr({
        branch: `change-${++branchCounter}`,
        title,
        body: options.body,
      });
      const mergeSha = await scenario.merge(number, options.method ?? 'merge');
      const label = options.label === undefined ? WAITING : options.label;
      if (label) await scenario.label(number, [label]);
      return { number, mergeSha };
    },
    async openIssue(title, labels = []) {
      const number = await scenario.createIssue(title);
      if (labels.length > 0) await scenario.label(number, labels);
      return number;
    },
    async tip(branch) {
      return (await api.rest.repos.getBranch({ ...repo, branch })).data.commit.sha;
    },
    labelsOf: (number) => scenario.labelsOf(number),
    commentsOn: (number) => scenario.commentsOn(number),
    async deployments() {
      const { data } = await api.rest.repos.listDeployments({ ...repo, per_page: 100 });
      const views: DeploymentView[] = [];
      for (const deployment of [...data].sort((a, b) => a.id - b.id)) {
        const { data: statuses } = await api.rest.repos.listDeploymentStatuses({
          ...repo,
          deployment_id: deployment.id,
        });
        views.push({
          id: deployment.id,
          sha: deployment.sha,
          ref: deployment.ref,
          task: deployment.task,
          environment: deployment.environment,
          payload: deployment.payload,
          statuses: [...statuses]
            .sort((a, b) => b.id - a.id)
            .map((status) => ({
              state: status.state,
              log_url: status.log_url,
              description: status.description,
            })),
        });
      }
      return views;
    },
    async snapshot() {
      const issues = await api.paginate(api.rest.issues.listForRepo, {
        ...repo,
        state: 'all',
        per_page: 100,
      });
      const items: Record<string, unknown> = {};
      for (const issue of issues) {
        items[`#${issue.number}`] = {
          labels: issue.labels.map((label) => (typeof label === 'string' ? label : label.name)).sort(),
          comments: await world.commentsOn(issue.number),
        };
      }
      return { items, deployments: await world.deployments() };
    },
    deploy(inputs, options = {}) {
      return runAction('deploy-staging', {
        apiUrl: gh.url,
        repository: scenario.repository,
        timeoutMs: 30_000,
        ...options,
        inputs: { 'github-token': repo.owner, ...inputs, ...options.inputs },
      });
    },
    async status(args = []) {
      const run = await runCli(['status', '--repo', scenario.repository, ...args], {
        env: { GITHUB_TOKEN: repo.owner, GITHUB_API_URL: gh.url },
      });
      if (run.exitCode !== 0) throw new Error(`release-train status failed: ${run.stderr}`);
      return run.stdout;
    },
    close: () => scenario.close(),
  };
  return world;
}
