/**
 * The pull request a commit on the default branch came from, read from its message alone: GitHub
 * writes `Merge pull request #12 from owner/branch` for a merge commit and `Title (#12)` for a
 * squash merge. Used where one request per commit would cost too much (what rides along to
 * staging); label moves never rely on it, they use each PR's own merge commit.
 */
export function pullNumberOfCommit(message: string): number | undefined {
  const subject = message.split('\n', 1)[0]!.trim();
  const merge = /^Merge pull request #(\d+) from \S+/.exec(subject);
  if (merge) return Number(merge[1]);
  const squash = /\(#(\d+)\)$/.exec(subject);
  return squash ? Number(squash[1]) : undefined;
}

export interface ChainCommit {
  sha: string;
  parents: string[];
  message: string;
}

/**
 * What a range of commits brings, read along its first-parent chain from `head` (the commits a
 * merge brought in from its branch are the PR's, not pushes of their own): the PRs the chain's
 * commits name, in order, and how many of its commits name none (direct pushes, or rebase merges).
 */
export function pullsAlongFirstParents(
  commits: readonly ChainCommit[],
  head: string,
): { pulls: number[]; unnamed: number } {
  const bySha = new Map(commits.map((commit) => [commit.sha, commit]));
  const chain: ChainCommit[] = [];
  for (let at = bySha.get(head); at; at = bySha.get(at.parents[0] ?? '')) chain.push(at);
  chain.reverse();
  const named = chain.map((commit) => pullNumberOfCommit(commit.message));
  return {
    pulls: named.filter((number): number is number => number !== undefined),
    unnamed: named.filter((number) => number === undefined).length,
  };
}
