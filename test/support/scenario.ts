import { Octokit } from '@octokit/rest';
import { cloneRepo, commitFiles, createSandbox, git, type Sandbox } from './git.js';
import { type GitHubEmulator, startGitHubEmulator } from './github-emulator/index.js';

/**
 * A repository in the GitHub emulator with a working clone: the situation most integration tests
 * start from. PRs are opened, merged and labelled through a real Octokit client acting as a user.
 */
export interface Scenario {
  sandbox: Sandbox;
  gh: GitHubEmulator;
  owner: string;
  repo: string;
  /** OWNER/NAME. */
  repository: string;
  /** Path of the bare repository behind the emulator (the "origin"). */
  origin: string;
  /** A working clone of origin, on the default branch. */
  work: string;
  as(login: string): Octokit;
  openPr(options: OpenPr): Promise<number>;
  merge(number: number, method?: 'merge' | 'squash' | 'rebase', by?: string): Promise<string>;
  createIssue(title: string, by?: string): Promise<number>;
  label(number: number, labels: string[], by?: string): Promise<void>;
  labelsOf(number: number): Promise<string[]>;
  commentsOn(number: number): Promise<string[]>;
  /** Pulls origin's default branch into the working clone. */
  pull(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenPr {
  branch: string;
  title: string;
  body?: string;
  files?: Record<string, string>;
  /** Commit messages of the branch's commits (default: one commit named after the title). */
  commits?: string[];
  author?: string;
}

export interface ScenarioOptions {
  owner?: string;
  repo?: string;
  defaultBranch?: string;
  /** Files of the first commit on the default branch. */
  files?: Record<string, string>;
  now?: string;
  /** login -> role (pull|triage|push|maintain|admin). The owner is admin. */
  collaborators?: Record<string, string>;
}

export async function createScenario(options: ScenarioOptions = {}): Promise<Scenario> {
  const owner = options.owner ?? 'octo-org';
  const repo = options.repo ?? 'app';
  const defaultBranch = options.defaultBranch ?? 'main';
  const sandbox = await createSandbox();
  const gh = await startGitHubEmulator({
    gitDir: `${sandbox.root}/git`,
    now: options.now ?? '2026-11-24T09:00:00Z',
  });
  const origin = await gh.createRepo(owner, repo, { defaultBranch });
  for (const [login, role] of Object.entries(options.collaborators ?? {})) gh.grant(owner, repo, login, role);
  const work = await cloneRepo(origin, `${sandbox.root}/work`);
  await git(work, ['checkout', '-q', '-b', defaultBranch]);
  await commitFiles(work, options.files ?? { 'README.md': '# app\n' }, 'chore: initial commit');
  await git(work, ['push', '-q', 'origin', defaultBranch]);

  const clients = new Map<string, Octokit>();
  const as = (login: string) => {
    let client = clients.get(login);
    if (!client) {
      client = new Octokit({ auth: `token ${login}`, baseUrl: gh.url });
      clients.set(login, client);
    }
    return client;
  };
  const ids = { owner, repo };
  let branchCount = 0;

  const scenario: Scenario = {
    sandbox,
    gh,
    owner,
    repo,
    repository: `${owner}/${repo}`,
    origin,
    work,
    as,
    async openPr(pr) {
      const base = defaultBranch;
      await git(work, ['checkout', '-q', base]);
      await git(work, ['pull', '-q', 'origin', base]);
      await git(work, ['checkout', '-q', '-b', pr.branch]);
      const messages = pr.commits ?? [pr.title];
      for (const [index, message] of messages.entries()) {
        const files =
          index === 0 && pr.files
            ? pr.files
            : { [`changes/${pr.branch}-${index}-${branchCount++}.txt`]: `${message}\n` };
        await commitFiles(work, files, message);
      }
      await git(work, ['push', '-q', 'origin', pr.branch]);
      await git(work, ['checkout', '-q', base]);
      const { data } = await as(pr.author ?? owner).rest.pulls.create({
        ...ids,
        head: pr.branch,
        base,
        title: pr.title,
        body: pr.body ?? '',
      });
      return data.number;
    },
    async merge(number, method = 'merge', by = owner) {
      const { data } = await as(by).rest.pulls.merge({ ...ids, pull_number: number, merge_method: method });
      return data.sha;
    },
    async createIssue(title, by = owner) {
      const { data } = await as(by).rest.issues.create({ ...ids, title });
      return data.number;
    },
    async label(number, labels, by = owner) {
      await as(by).rest.issues.addLabels({ ...ids, issue_number: number, labels });
    },
    async labelsOf(number) {
      const { data } = await as(owner).rest.issues.listLabelsOnIssue({ ...ids, issue_number: number });
      return data.map((label) => label.name).sort();
    },
    async commentsOn(number) {
      const { data } = await as(owner).rest.issues.listComments({ ...ids, issue_number: number });
      return data.map((comment) => comment.body ?? '');
    },
    async pull() {
      await git(work, ['checkout', '-q', defaultBranch]);
      await git(work, ['pull', '-q', 'origin', defaultBranch]);
    },
    async close() {
      await gh.close();
      await sandbox.cleanup();
    },
  };
  return scenario;
}
