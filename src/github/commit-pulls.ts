import type { RepoRef } from '../core/linked-issues.js';
import type { HistoryCommit, TrainPullRequest } from '../core/train.js';
import type { GitHub } from './client.js';

/** A merged PR with what the train, the notes and the labels need. */
export interface MergedPullRequest extends TrainPullRequest {
  body: string | null;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  url: string;
}

/** Which PR each commit of the history came from, and the PRs themselves. */
export interface PullRequestIndex {
  bySha: Map<string, number>;
  pulls: Map<number, MergedPullRequest>;
}

type ListedPull = Awaited<ReturnType<GitHub['rest']['pulls']['list']>>['data'][number];
type OnePull = Awaited<ReturnType<GitHub['rest']['pulls']['get']>>['data'];

function toMerged(pr: ListedPull | OnePull): MergedPullRequest {
  return {
    number: pr.number,
    title: pr.title,
    body: pr.body,
    labels: pr.labels.map((label) => label.name ?? '').filter(Boolean),
    mergedAt: pr.merged_at,
    mergeCommitSha: pr.merge_commit_sha,
    url: pr.html_url,
  };
}

// GitHub's merge time and the merge commit's committer date agree to within seconds; a day of
// slack covers clocks and rewritten dates.
const SLACK_MS = 24 * 3_600_000;

/**
 * Maps the history's commits to their PRs with one request per 100 PRs: the PRs merged into
 * `base`, most recently updated first, matched by merge commit (a merge commit, a squash commit,
 * or the last commit of a rebase merge). Paging stops once every commit is mapped or the PRs are
 * older than the oldest commit. PRs named by `Merge pull request #N` subjects but not met on the
 * way are read one by one. Rebase merges' other commits are left to `pullRequestOfCommit`.
 */
export async function indexPullRequests(
  github: GitHub,
  repo: RepoRef,
  options: {
    base: string;
    history: readonly HistoryCommit[];
    named: readonly number[];
    skip: ReadonlySet<string>;
  },
): Promise<PullRequestIndex> {
  const index: PullRequestIndex = { bySha: new Map(), pulls: new Map() };
  const wanted = new Set(options.history.map((commit) => commit.sha));
  const unmapped = new Set(
    options.history.filter((commit) => !options.skip.has(commit.sha)).map((commit) => commit.sha),
  );
  const named = new Set(options.named);
  const dates = options.history.map((commit) => Date.parse(commit.committedAt ?? '')).filter(Number.isFinite);
  const oldest = dates.length > 0 ? Math.min(...dates) - SLACK_MS : Number.NEGATIVE_INFINITY;
  const done = () => unmapped.size === 0 && [...named].every((number) => index.pulls.has(number));

  if (!done()) {
    for (let page = 1; ; page++) {
      const { data } = await github.rest.pulls.list({
        ...repo,
        state: 'closed',
        base: options.base,
        sort: 'updated',
        direction: 'desc',
        per_page: 100,
        page,
      });
      for (const pr of data) {
        if (!pr.merged_at) continue;
        const sha = pr.merge_commit_sha;
        if ((sha && wanted.has(sha)) || named.has(pr.number)) index.pulls.set(pr.number, toMerged(pr));
        if (sha && wanted.has(sha)) {
          index.bySha.set(sha, pr.number);
          unmapped.delete(sha);
        }
      }
      const last = data.at(-1);
      if (data.length < 100 || done() || !last || Date.parse(last.updated_at) < oldest) break;
    }
  }
  for (const number of named) {
    if (index.pulls.has(number)) continue;
    const pr = await readPullRequest(github, repo, number);
    if (pr) index.pulls.set(number, pr);
  }
  return index;
}

export async function readPullRequest(
  github: GitHub,
  repo: RepoRef,
  number: number,
): Promise<MergedPullRequest | undefined> {
  try {
    return toMerged((await github.rest.pulls.get({ ...repo, pull_number: number })).data);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/**
 * The fallback for a commit the bulk listing did not map (the earlier commits of a rebase merge):
 * GitHub's commit -> PR association, one request per commit. The caller bounds how often.
 */
export async function pullRequestOfCommit(
  github: GitHub,
  repo: RepoRef,
  sha: string,
  base: string,
): Promise<MergedPullRequest | undefined> {
  const { data } = await github.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha });
  const merged = data.find((pr) => pr.merged_at && pr.base.ref === base);
  return merged ? toMerged(merged) : undefined;
}
