import type { EmulatorContext, Repository } from './context.js';
import * as json from './representations.js';
import type { IssueRecord, PullRecord } from './state.js';

/**
 * Pull requests read against git: an open pull request's head and base are the branches' tips
 * right now; a closed one keeps what they were when it closed.
 */

export type PullIssue = IssueRecord & { pull: PullRecord };

export function isPull(issue: IssueRecord | undefined): issue is PullIssue {
  return issue?.pull !== undefined;
}

/** The repository the head branch lives in: the base repository, or a fork under gitDir. */
export function headRepository(
  ctx: EmulatorContext,
  repo: Repository,
  pull: PullRecord,
): Repository | undefined {
  if (
    pull.headOwner.toLowerCase() === repo.owner.toLowerCase() &&
    pull.headRepo.toLowerCase() === repo.name.toLowerCase()
  ) {
    return repo;
  }
  return ctx.findRepository(pull.headOwner, pull.headRepo);
}

export function isFork(repo: Repository, pull: PullRecord): boolean {
  return (
    pull.headOwner.toLowerCase() !== repo.owner.toLowerCase() ||
    pull.headRepo.toLowerCase() !== repo.name.toLowerCase()
  );
}

/**
 * Brings an open pull request up to date with git: head and base tips. A fork's head commits
 * are fetched into the base repository as refs/pull/N/head, as GitHub does, so that they can
 * be compared and merged there.
 */
export async function syncPull(ctx: EmulatorContext, repo: Repository, issue: PullIssue): Promise<void> {
  const pull = issue.pull;
  if (issue.state !== 'open') return;
  const head = headRepository(ctx, repo, pull);
  const headSha = head ? await head.git.branchSha(pull.headRef) : undefined;
  if (headSha) pull.headSha = headSha;
  if (head && head !== repo && headSha && !(await repo.git.hasObject(headSha))) {
    await repo.git.fetchRef(head.git.path, `refs/heads/${pull.headRef}`, `refs/pull/${issue.number}/head`);
  }
  const baseSha = await repo.git.branchSha(pull.baseRef);
  if (baseSha) pull.baseSha = baseSha;
}

/** The head commits (oldest first): live for an open pull request, as recorded for a closed one. */
export async function pullCommits(repo: Repository, issue: PullIssue): Promise<string[]> {
  if (issue.pull.commits) return issue.pull.commits;
  if (!(await repo.git.hasObject(issue.pull.headSha))) return [];
  return repo.git.revList(issue.pull.headSha, [issue.pull.baseSha]);
}

async function pullStats(repo: Repository, issue: PullIssue) {
  if (issue.pull.stats) return issue.pull.stats;
  const mergeBase = (await repo.git.hasObject(issue.pull.headSha))
    ? await repo.git.mergeBase(issue.pull.baseSha, issue.pull.headSha)
    : undefined;
  if (!mergeBase) return { additions: 0, deletions: 0, changedFiles: 0 };
  const files = await repo.git.diff(mergeBase, issue.pull.headSha);
  return {
    additions: files.reduce((sum, file) => sum + file.additions, 0),
    deletions: files.reduce((sum, file) => sum + file.deletions, 0),
    changedFiles: files.length,
  };
}

/** The head or base of a pull request: a branch of a repository at a commit. */
async function side(ctx: EmulatorContext, owner: string, name: string, ref: string, sha: string) {
  const located = ctx.findRepository(owner, name);
  const target = located ?? { owner, name, state: ctx.state.repo(owner, name) };
  const defaultBranch = located ? await located.git.defaultBranch() : 'main';
  return {
    label: `${owner}:${ref}`,
    ref,
    sha,
    user: json.user(ctx, owner),
    repo: json.repository(ctx, target, defaultBranch),
  };
}

/** pull-request-simple (lists and search) or, with `full`, pull-request (GET one, create, update). */
export async function pullJson(ctx: EmulatorContext, repo: Repository, issue: PullIssue, full: boolean) {
  const pull = issue.pull;
  const urls = json.pullRequestUrls(ctx, repo, issue.number, pull.headSha);
  const labels = json.issueLabels(ctx, repo, issue);
  const simple = {
    url: urls.url,
    id: pull.id,
    node_id: Buffer.from(`PR_${pull.id}`).toString('base64').replace(/=+$/, ''),
    html_url: urls.html_url,
    diff_url: urls.diff_url,
    patch_url: urls.patch_url,
    issue_url: urls.issue_url,
    commits_url: urls.commits_url,
    review_comments_url: urls.review_comments_url,
    review_comment_url: urls.review_comment_url,
    comments_url: urls.comments_url,
    statuses_url: urls.statuses_url,
    number: issue.number,
    state: issue.state,
    locked: issue.locked,
    title: issue.title,
    user: json.user(ctx, issue.user),
    body: issue.body,
    // pull-request-simple describes label descriptions as strings, never null.
    labels: full ? labels : labels.map((label) => ({ ...label, description: label.description ?? '' })),
    milestone: null,
    active_lock_reason: null,
    created_at: json.timestamp(issue.createdAt),
    updated_at: json.timestamp(issue.updatedAt),
    closed_at: json.nullableTimestamp(issue.closedAt),
    merged_at: json.nullableTimestamp(pull.mergedAt),
    merge_commit_sha: pull.mergeCommitSha,
    assignee: json.nullableUser(ctx, issue.assignees[0]),
    assignees: issue.assignees.map((login) => json.user(ctx, login)),
    requested_reviewers: [],
    requested_teams: [],
    head: await side(ctx, pull.headOwner, pull.headRepo, pull.headRef, pull.headSha),
    base: await side(ctx, repo.owner, repo.name, pull.baseRef, pull.baseSha),
    _links: urls.links,
    author_association: json.authorAssociation(repo, issue.user),
    auto_merge: null,
    draft: pull.draft,
  };
  if (!full) return simple;

  const commits = await pullCommits(repo, issue);
  const stats = await pullStats(repo, issue);
  let mergeable: boolean | null = null;
  let mergeableState = 'unknown';
  if (issue.state === 'open' && (await repo.git.hasObject(pull.headSha))) {
    const merge = await repo.git.mergeTrees(pull.baseSha, pull.headSha).catch(() => undefined);
    mergeable = merge ? merge.clean : null;
    mergeableState = merge === undefined ? 'unknown' : pull.draft ? 'draft' : merge.clean ? 'clean' : 'dirty';
  }
  return {
    ...simple,
    merged: pull.merged,
    mergeable,
    rebaseable: mergeable,
    mergeable_state: mergeableState,
    merged_by: json.nullableUser(ctx, pull.mergedBy),
    comments: repo.state.comments.filter((comment) => comment.issueNumber === issue.number).length,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify,
    commits: commits.length,
    additions: stats.additions,
    deletions: stats.deletions,
    changed_files: stats.changedFiles,
  };
}
