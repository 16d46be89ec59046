import type { StageLabels } from '../config/schema.js';
import type { RepoRef } from '../core/linked-issues.js';
import { pullsAlongFirstParents } from '../core/pull-reference.js';
import { stageOf } from '../core/stage.js';
import { containsMerge, type RidingPull, ridingPulls, type WaitingPull } from '../core/staging-plan.js';
import type { GitHub } from './client.js';
import { compareCommits, isAncestor } from './commit-graph.js';

/** A merged PR labelled "waiting for staging", with what the stage moves and comments need. */
export interface WaitingCandidate {
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  mergeSha: string | null;
  base: string;
}

/**
 * The merged PRs in "waiting for staging": one search (100 a page), then one request per PR for
 * its merge commit, which the search does not return.
 */
export async function waitingForStaging(
  github: GitHub,
  repo: RepoRef,
  stages: StageLabels,
): Promise<WaitingCandidate[]> {
  const found = await github.paginate(github.rest.search.issuesAndPullRequests, {
    q: `repo:${repo.owner}/${repo.repo} is:pr label:"${stages['waiting-for-staging'].name}"`,
    sort: 'created',
    order: 'asc',
    per_page: 100,
  });
  const candidates: WaitingCandidate[] = [];
  for (const item of found) {
    const { data: pr } = await github.rest.pulls.get({ ...repo, pull_number: item.number });
    // A label on an open PR is someone's mistake: only a merge goes to staging.
    if (!pr.merged_at) continue;
    // Search results can lag behind label changes; the PR itself says where it is now.
    const labels = pr.labels.map((label) => label.name);
    if (stageOf(labels, stages) !== 'waiting-for-staging') continue;
    candidates.push({
      number: pr.number,
      title: pr.title,
      body: pr.body,
      labels,
      mergeSha: pr.merge_commit_sha,
      base: pr.base.ref,
    });
  }
  return candidates.sort((a, b) => a.number - b.number);
}

/** What a commit holds of the default branch: whether it is on it, and the branch's commits it lacks. */
export interface DefaultBranchGap {
  onDefaultBranch: boolean;
  missing: Set<string>;
}

/** One compare (paged): the commits of the default branch that `sha` lacks. */
export async function defaultBranchGap(
  github: GitHub,
  repo: RepoRef,
  sha: string,
  defaultBranch: string,
): Promise<DefaultBranchGap> {
  const comparison = await compareCommits(github, repo, sha, defaultBranch);
  return {
    onDefaultBranch: comparison.status === 'ahead' || comparison.status === 'identical',
    missing: new Set(comparison.commits.map((commit) => commit.sha)),
  };
}

/**
 * Which waiting PRs `sha` contains. PRs merged into the default branch are answered from the gap
 * alone; a PR merged elsewhere (rare) costs one compare of its own.
 */
export async function containedIn(
  github: GitHub,
  repo: RepoRef,
  candidates: readonly WaitingCandidate[],
  sha: string,
  gap: DefaultBranchGap,
  defaultBranch: string,
): Promise<WaitingPull[]> {
  const pulls: WaitingPull[] = [];
  for (const candidate of candidates) {
    const contained =
      candidate.base === defaultBranch || candidate.mergeSha === null
        ? containsMerge(candidate.mergeSha, gap.missing)
        : await isAncestor(github, repo, candidate.mergeSha, sha);
    pulls.push({ number: candidate.number, title: candidate.title, mergeSha: candidate.mergeSha, contained });
  }
  return pulls;
}

/** PRs riding along are looked up one by one; past this many the summary names them without a stage. */
const RIDING_LOOKUPS = 25;

export interface RideAlong {
  pulls: RidingPull[];
  /** Commits on the first-parent chain between staging and the deployed commit that name no PR. */
  directPushes: number;
}

/**
 * The PRs of other stages that the deploy brings to staging too: those named by the commits the
 * deployed commit has and staging lacks (one compare, paged), minus the waiting ones.
 */
export async function rideAlong(
  github: GitHub,
  repo: RepoRef,
  from: string,
  to: string,
  waiting: readonly number[],
  stages: StageLabels,
): Promise<RideAlong> {
  const { commits } = await compareCommits(github, repo, from, to);
  const { pulls: named, unnamed: directPushes } = pullsAlongFirstParents(commits, to);
  const riding = ridingPulls(named, waiting, new Map());
  const known = new Map<number, { title: string; stage: NonNullable<RidingPull['stage']> }>();
  const titles = new Map<number, string>();
  for (const pull of riding.slice(0, RIDING_LOOKUPS)) {
    try {
      const { data } = await github.rest.issues.get({ ...repo, issue_number: pull.number });
      titles.set(pull.number, data.title);
      const labels = data.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? '')));
      const stage = stageOf(labels, stages);
      if (stage) known.set(pull.number, { title: data.title, stage });
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
  }
  return {
    pulls: riding.map((pull) => ({
      number: pull.number,
      title: titles.get(pull.number) ?? '',
      stage: known.get(pull.number)?.stage,
    })),
    directPushes,
  };
}
