import type { Role } from './permissions.js';

/**
 * Everything the emulator remembers that git does not: issues and pull requests, labels,
 * comments, events, releases, deployments, collaborators. Repositories, branches, commits and
 * refs are never stored here; they are read from the bare repositories on every request.
 */

export interface LabelRecord {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface PullRecord {
  id: number;
  headOwner: string;
  headRepo: string;
  headRef: string;
  /** Last head commit seen; frozen once the pull request is closed. */
  headSha: string;
  baseRef: string;
  /** Base tip last seen; frozen at merge/close. */
  baseSha: string;
  draft: boolean;
  maintainerCanModify: boolean;
  merged: boolean;
  mergedAt: Date | null;
  mergedBy: string | null;
  mergeCommitSha: string | null;
  mergeMethod: 'merge' | 'squash' | 'rebase' | null;
  /** The head commits (oldest first), frozen at merge/close. */
  commits: string[] | null;
  /** Commits the merge created on the base branch (merge/squash commit, or the rebased ones). */
  landed: string[];
  stats: { additions: number; deletions: number; changedFiles: number } | null;
}

export interface IssueRecord {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  user: string;
  labelIds: number[];
  assignees: string[];
  locked: boolean;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
  closedBy: string | null;
  pull?: PullRecord;
}

export interface CommentRecord {
  id: number;
  issueNumber: number;
  user: string;
  body: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A reference from another issue or pull request, shown on the timeline as cross-referenced. */
export interface IssueReference {
  owner: string;
  repo: string;
  number: number;
}

export interface IssueEventRecord {
  id: number;
  issueNumber: number;
  event: string;
  actor: string;
  createdAt: Date;
  label?: { name: string; color: string };
  commitId?: string | null;
  rename?: { from: string; to: string };
  source?: IssueReference;
  stateReason?: string | null;
  /** Shown on the issue timeline only (cross-referenced, connected): not in GET .../issues/events. */
  timelineOnly?: boolean;
}

export interface ReleaseRecord {
  id: number;
  tagName: string;
  targetCommitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  author: string;
  createdAt: Date;
  publishedAt: Date | null;
  updatedAt: Date;
}

export type DeploymentState =
  | 'error'
  | 'failure'
  | 'inactive'
  | 'pending'
  | 'success'
  | 'queued'
  | 'in_progress';

export interface DeploymentStatusRecord {
  id: number;
  state: DeploymentState;
  creator: string;
  description: string;
  environment: string;
  targetUrl: string;
  logUrl: string;
  environmentUrl: string;
  createdAt: Date;
}

export interface DeploymentRecord {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: Record<string, unknown> | string;
  environment: string;
  originalEnvironment: string;
  description: string | null;
  creator: string;
  transientEnvironment: boolean;
  productionEnvironment: boolean;
  createdAt: Date;
  updatedAt: Date;
  statuses: DeploymentStatusRecord[];
}

export interface CommitStatusRecord {
  id: number;
  sha: string;
  state: 'error' | 'failure' | 'pending' | 'success';
  context: string;
  description: string | null;
  targetUrl: string | null;
  creator: string;
  createdAt: Date;
}

export interface RepoState {
  owner: string;
  name: string;
  id: number;
  createdAt: Date;
  /** Issues and pull requests share one sequence of numbers, as on GitHub. */
  nextNumber: number;
  issues: Map<number, IssueRecord>;
  labels: LabelRecord[];
  collaborators: Map<string, Role>;
  comments: CommentRecord[];
  events: IssueEventRecord[];
  releases: ReleaseRecord[];
  deployments: DeploymentRecord[];
  statuses: CommitStatusRecord[];
  /** `owner/name` of the repository this one was forked from (createFork). */
  parent: string | null;
}

/** The emulator's memory and clock. */
export class EmulatorState {
  private ids = 1000;
  private fixedNow: Date | undefined;
  private readonly users = new Map<string, number>();
  private readonly repos = new Map<string, RepoState>();
  readonly organizations = new Set<string>();

  nextId(): number {
    return ++this.ids;
  }

  /** The emulator's clock: real time unless a test fixed it with setNow. */
  now(): Date {
    return this.fixedNow ? new Date(this.fixedNow) : new Date();
  }

  setNow(date: Date | string | undefined): void {
    this.fixedNow = date === undefined ? undefined : new Date(date);
  }

  advance(ms: number): void {
    this.fixedNow = new Date(this.now().getTime() + ms);
  }

  /** A stable numeric id per login, as GitHub's user ids. */
  userId(login: string): number {
    const key = login.toLowerCase();
    let id = this.users.get(key);
    if (id === undefined) {
      id = this.users.size + 1;
      this.users.set(key, id);
    }
    return id;
  }

  repo(owner: string, name: string): RepoState {
    const key = `${owner}/${name}`.toLowerCase();
    let repo = this.repos.get(key);
    if (!repo) {
      repo = {
        owner,
        name,
        id: this.nextId(),
        createdAt: this.now(),
        nextNumber: 1,
        issues: new Map(),
        labels: [],
        collaborators: new Map(),
        comments: [],
        events: [],
        releases: [],
        deployments: [],
        statuses: [],
        parent: null,
      };
      this.repos.set(key, repo);
    }
    return repo;
  }

  allRepos(): RepoState[] {
    return [...this.repos.values()];
  }
}
