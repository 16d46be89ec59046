import type { RepoRef } from '../core/linked-issues.js';
import type { GitHub } from './client.js';

/**
 * Questions about the commit graph, answered by the API so that no checkout is needed: what a ref
 * names, and which commits one commit has that another lacks (GitHub's compare).
 */

export interface RefName {
  name: string;
  sha: string;
  kind: 'branch' | 'tag-or-commit';
}

/** A branch, tag or commit (full or abbreviated sha) by name; undefined when the repository has no such ref. */
export async function resolveRef(github: GitHub, repo: RepoRef, ref: string): Promise<RefName | undefined> {
  const name = ref.replace(/^refs\/heads\//, '');
  if (!/^[0-9a-f]{40}$/i.test(name)) {
    try {
      const { data } = await github.rest.repos.getBranch({ ...repo, branch: name });
      return { name, sha: data.commit.sha, kind: 'branch' };
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }
  try {
    const { data } = await github.rest.repos.getCommit({ ...repo, ref: name, per_page: 1 });
    return { name, sha: data.sha, kind: 'tag-or-commit' };
  } catch (error) {
    if (isMissing(error)) return undefined;
    throw error;
  }
}

export interface Comparison {
  /** How `head` relates to `base`: `ahead` and `identical` mean `base` is an ancestor of `head`. */
  status: 'ahead' | 'behind' | 'diverged' | 'identical';
  /** The commits `head` has that `base` lacks (`git rev-list base..head`), oldest first. */
  commits: { sha: string; parents: string[]; message: string }[];
}

/** Compares two commits, paging through every commit of `head` that `base` lacks. */
export async function compareCommits(
  github: GitHub,
  repo: RepoRef,
  base: string,
  head: string,
): Promise<Comparison> {
  const commits: Comparison['commits'] = [];
  let status: Comparison['status'] = 'identical';
  for (let page = 1; ; page++) {
    const { data } = await github.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${base}...${head}`,
      per_page: 100,
      page,
    });
    status = data.status;
    commits.push(
      ...data.commits.map((commit) => ({
        sha: commit.sha,
        parents: commit.parents.map((parent) => parent.sha),
        message: commit.commit.message,
      })),
    );
    if (data.commits.length === 0 || commits.length >= data.total_commits) break;
  }
  return { status, commits };
}

/** Whether `base` is `head` or one of its ancestors: one request, whatever lies between them. */
export async function isAncestor(
  github: GitHub,
  repo: RepoRef,
  base: string,
  head: string,
): Promise<boolean> {
  if (base === head) return true;
  const { data } = await github.rest.repos.compareCommitsWithBasehead({
    ...repo,
    basehead: `${base}...${head}`,
    per_page: 1,
  });
  return data.status === 'ahead' || data.status === 'identical';
}

function isMissing(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return status === 404 || status === 422;
}
