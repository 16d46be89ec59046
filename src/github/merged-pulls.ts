import type { RepoRef } from '../core/linked-issues.js';
import type { GitHub } from './client.js';

export interface MergedPull {
  number: number;
  title: string;
  body: string | null;
  labels: string[];
  mergedAt: string;
  mergeCommitSha: string | null;
}

/**
 * The PRs merged into `base` that the given commits belong to (a push to the default branch:
 * a merge commit, a squash commit, or the commits of a rebase merge). One request per commit,
 * and a push carries at most a handful; each PR is listed once.
 */
export async function mergedPullsForCommits(
  github: GitHub,
  repo: RepoRef,
  shas: string[],
  base: string,
): Promise<MergedPull[]> {
  const found = new Map<number, MergedPull>();
  for (const sha of shas) {
    const { data } = await github.rest.repos.listPullRequestsAssociatedWithCommit({
      ...repo,
      commit_sha: sha,
    });
    for (const pr of data) {
      if (!pr.merged_at || pr.base.ref !== base || found.has(pr.number)) continue;
      found.set(pr.number, {
        number: pr.number,
        title: pr.title,
        body: pr.body,
        labels: pr.labels.map((label) => label.name),
        mergedAt: pr.merged_at,
        mergeCommitSha: pr.merge_commit_sha,
      });
    }
  }
  return [...found.values()].sort((a, b) => a.mergedAt.localeCompare(b.mergedAt));
}
