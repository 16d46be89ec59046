import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReleaseTrainError } from '../action/failure.js';
import type { HistoryCommit } from '../core/train.js';
import { authorship, BOT_IDENTITY, type Git, type GitIdentity } from './git.js';

export interface ReplayConflict {
  sha: string;
  subject: string;
  files: string[];
}

/**
 * The runbook's rebase: when production has commits of its own (hotfixes), the train's commits
 * are cherry-picked onto it (`-m 1` for merge commits, `-x` so that the next deploy knows they
 * are on production) in a temporary worktree, which is removed whatever happens. Returns the new
 * production commit; nothing is pushed. A conflict stops everything and names the files.
 *
 * The replay is deterministic: each copy keeps its author, is committed by release-train with
 * the original's commit date, so replaying the same train onto the same production gives the
 * same commits: the plan shows the very commit the apply will push.
 */
export async function replayOnto(
  git: Git,
  options: { onto: string; commits: readonly HistoryCommit[]; committer?: GitIdentity },
): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'release-train-replay-'));
  const worktree = join(folder, 'worktree');
  const committer = options.committer ?? BOT_IDENTITY;
  try {
    await git.run(['worktree', 'add', '--detach', '--quiet', worktree, options.onto]);
    for (const commit of options.commits) {
      const env = authorship(committer, new Date(commit.committedAt ?? 0));
      const result = await git.attempt(
        [
          'cherry-pick',
          '-x',
          '--keep-redundant-commits',
          '--allow-empty',
          ...(commit.parents.length > 1 ? ['-m', '1'] : []),
          commit.sha,
        ],
        { cwd: worktree, env },
      );
      if (result.code !== 0) {
        const conflict = await conflictOf(git, worktree, commit, result.stderr);
        throw new ReleaseTrainError(
          'conflict-on-replay',
          `Production has commits of its own, and replaying the train onto it conflicts at ${commit.sha.slice(0, 7)} "${commit.subject}" in: ${conflict.files.join(', ') || '(see the log)'}. ` +
            'Nothing was pushed: production, the tags, the default branch and every label are as they were. ' +
            'Bring the hotfixes from production into the default branch (resolving these files), then run again.',
          { conflict },
        );
      }
    }
    return (await git.run(['rev-parse', 'HEAD'], { cwd: worktree })).trim();
  } finally {
    await git.attempt(['worktree', 'remove', '--force', worktree]);
    await rm(folder, { recursive: true, force: true });
    await git.attempt(['worktree', 'prune']);
  }
}

async function conflictOf(
  git: Git,
  worktree: string,
  commit: HistoryCommit,
  stderr: string,
): Promise<ReplayConflict> {
  const unmerged = await git.attempt(['diff', '--name-only', '--diff-filter=U'], { cwd: worktree });
  const files = unmerged.stdout.split('\n').filter(Boolean);
  await git.attempt(['cherry-pick', '--abort'], { cwd: worktree });
  if (files.length === 0) {
    // No unmerged paths: say what git said (e.g. an untracked file in the way).
    const lines = stderr.split('\n').filter((line) => /error|conflict/i.test(line));
    return { sha: commit.sha, subject: commit.subject, files: lines.slice(0, 5) };
  }
  return { sha: commit.sha, subject: commit.subject, files };
}
