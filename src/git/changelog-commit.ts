import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReleaseTrainError } from '../action/failure.js';
import { hasSection, prependSection } from '../core/changelog-file.js';
import { CHANGELOG_COMMIT_SUBJECT } from '../core/train.js';
import { readPushReport } from './deploy-push.js';
import { authorship, type Git, type GitIdentity } from './git.js';
import { fetchBranch, readFileAt } from './history.js';

export interface ChangelogCommit {
  /** The commit on the default branch that carries the section. */
  sha: string | undefined;
  /** The section was there already (a rerun): nothing was written. */
  alreadyThere: boolean;
  attempts: number;
}

/**
 * The runbook's `chore(deploy): Update CHANGELOG` on the default branch: the section prepended
 * to the file, committed on top of the branch as it is on the remote, with plumbing in a
 * temporary index (the checkout's own files and index are not touched). If the branch moved
 * meanwhile (someone merged), the commit is made again on the new tip and pushed again, a
 * bounded number of times. Never forced.
 */
export async function commitChangelog(
  git: Git,
  options: {
    remote: string;
    branch: string;
    path: string;
    section: string;
    tag: string;
    author: GitIdentity;
    now: Date;
    maxAttempts?: number;
  },
): Promise<ChangelogCommit> {
  const maxAttempts = options.maxAttempts ?? 5;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const tip = await fetchBranch(git, options.remote, options.branch);
    const current = (await readFileAt(git, tip, options.path)) ?? '';
    if (hasSection(current, options.tag)) return { sha: undefined, alreadyThere: true, attempts: attempt };
    const commit = await changelogCommitOn(git, tip, {
      ...options,
      content: prependSection(current, options.section, options.tag),
    });
    const push = await git.attempt([
      'push',
      '--porcelain',
      options.remote,
      `${commit}:refs/heads/${options.branch}`,
    ]);
    if (push.code === 0) return { sha: commit, alreadyThere: false, attempts: attempt };
    const lines = readPushReport(push.stdout);
    const raced = lines.some((line) =>
      /fetch first|non-fast-forward|stale info|cannot lock|failed to lock|failed to update ref|incorrect old value/.test(
        line.summary,
      ),
    );
    if (!raced) {
      const why = lines.map((line) => line.summary).join('; ') || push.stderr.trim();
      throw new ReleaseTrainError(
        'changelog-push-rejected',
        `The remote refused the CHANGELOG commit on ${options.branch} (${why}). Production and the tag ${options.tag} are already deployed; ` +
          `${options.branch} is unchanged. Allow the token to push to ${options.branch} (or relax its protection for this commit), then rerun: the rerun finishes the remaining steps.`,
        { stderr: push.stderr.trim() },
      );
    }
  }
  throw new ReleaseTrainError(
    'changelog-race',
    `${options.branch} kept moving: the CHANGELOG commit lost the race ${maxAttempts} times. Production and the tag ${options.tag} are deployed; ` +
      `${options.branch} is unchanged. Rerun when merges calm down: the rerun finishes the remaining steps.`,
  );
}

async function changelogCommitOn(
  git: Git,
  tip: string,
  options: { path: string; content: string; tag: string; author: GitIdentity; now: Date },
): Promise<string> {
  const index = join(tmpdir(), `release-train-index-${randomUUID()}`);
  const env = { GIT_INDEX_FILE: index };
  try {
    const blob = (await git.run(['hash-object', '-w', '--stdin'], { input: options.content })).trim();
    const listed = (await git.run(['ls-tree', tip, '--', options.path])).trim();
    const mode = /^(100644|100755) blob /.exec(listed)?.[1] ?? '100644';
    await git.run(['read-tree', tip], { env });
    await git.run(['update-index', '--add', '--cacheinfo', `${mode},${blob},${options.path}`], { env });
    const tree = (await git.run(['write-tree'], { env })).trim();
    const message = `${CHANGELOG_COMMIT_SUBJECT}\n\nAdds the section of ${options.tag}.\n`;
    return (
      await git.run(['commit-tree', tree, '-p', tip, '-F', '-'], {
        input: message,
        env: authorship(options.author, options.now, { author: true }),
      })
    ).trim();
  } finally {
    await rm(index, { force: true });
  }
}
