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
