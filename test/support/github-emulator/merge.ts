import { conflict, invalidRequest, notAllowed } from './api-error.js';
import type { EmulatorContext, Repository } from './context.js';
import type { Identity } from './git-repository.js';
import { closeIssue, closeLinkedIssues, recordEvent } from './issue-activity.js';
import { type PullIssue, syncPull } from './pull-requests.js';
import { noreplyEmail } from './representations.js';

/**
 * PUT /repos/{o}/{r}/pulls/{n}/merge: makes the real commit(s) in the bare repository, the way
 * GitHub's merge button does, and moves the base branch with a compare-and-swap so a push that
 * lands meanwhile is never overwritten.
 */

export type MergeMethod = 'merge' | 'squash' | 'rebase';

export interface MergeRequest {
  method: MergeMethod;
  /** The head sha the caller expects; a different head answers 409. */
  sha?: string;
  commitTitle?: string;
  commitMessage?: string;
}

const NOT_MERGEABLE = 'Pull Request is not mergeable';

export function parseMergeMethod(value: unknown): MergeMethod {
  if (value === undefined || value === null) return 'merge';
  if (value === 'merge' || value === 'squash' || value === 'rebase') return value;
  throw invalidRequest(
    `${JSON.stringify(value)} is not a member of ["merge", "squash", "rebase"] for "merge_method".`,
  );
}

function subject(message: string): string {
  return message.split('\n', 1)[0]!;
}

function bodyOf(message: string): string {
  return message.split('\n').slice(1).join('\n').trim();
}

/** The squash message GitHub proposes by default: the one commit's body, or every commit listed. */
function squashMessage(messages: string[]): string {
  if (messages.length === 1) return bodyOf(messages[0]!);
  return messages
    .map((message) => [`* ${subject(message)}`, bodyOf(message)].filter(Boolean).join('\n\n'))
    .join('\n\n');
}

function joinMessage(title: string, body: string): string {
  return body ? `${title}\n\n${body}` : title;
}

export async function mergePullRequest(
  ctx: EmulatorContext,
  repo: Repository,
  issue: PullIssue,
  actor: string,
  request: MergeRequest,
): Promise<string> {
  const pull = issue.pull;
  if (issue.state !== 'open') throw notAllowed(NOT_MERGEABLE);
  await syncPull(ctx, repo, issue);
  if (request.sha && request.sha !== pull.headSha) {
    throw conflict('Head branch was modified. Review and try the merge again.');
  }
  if (pull.draft) throw notAllowed('Pull Request is still a draft');

  const now = ctx.state.now();
  const merger: Identity = { name: actor, email: noreplyEmail(ctx, actor), date: now };
  const github: Identity = { name: 'GitHub', email: 'noreply@github.com', date: now };

  // Retried when the base branch moves between reading it and writing it.
  for (let attempt = 0; attempt < 5; attempt++) {
    const baseTip = await repo.git.branchSha(pull.baseRef);
    if (!baseTip) throw notAllowed(`Base branch ${pull.baseRef} does not exist`);
    const headCommits = await repo.git.revList(pull.headSha, [baseTip]);
    if (headCommits.length === 0) throw notAllowed(NOT_MERGEABLE);
    const infos = await repo.git.commits(headCommits);

    const landed: string[] = [];
    if (request.method === 'rebase') {
      let tip = baseTip;
      for (const info of infos) {
        if (info.parents.length > 1) throw notAllowed("This branch can't be rebased");
        const replay = await repo.git.cherryPickTree(info, tip);
        if (!replay.clean) throw notAllowed(NOT_MERGEABLE);
        tip = await repo.git.commitTree(replay.tree, [tip], info.message, info.author, github);
        landed.push(tip);
      }
    } else {
      const merge = await repo.git.mergeTrees(baseTip, pull.headSha);
      if (!merge.clean) throw notAllowed(NOT_MERGEABLE);
      const message =
        request.method === 'merge'
          ? joinMessage(
              request.commitTitle ??
                `Merge pull request #${issue.number} from ${pull.headOwner}/${pull.headRef}`,
              request.commitMessage ?? issue.title,
            )
          : joinMessage(
              request.commitTitle ?? `${issue.title} (#${issue.number})`,
              request.commitMessage ?? squashMessage(infos.map((info) => info.message)),
            );
      const parents = request.method === 'merge' ? [baseTip, pull.headSha] : [baseTip];
      landed.push(await repo.git.commitTree(merge.tree, parents, message, merger, github));
    }

    const newTip = landed.at(-1)!;
    if (!(await repo.git.updateRef(`refs/heads/${pull.baseRef}`, newTip, baseTip))) continue;

    const files = await repo.git.diff(await repo.git.mergeBase(baseTip, pull.headSha), pull.headSha);
    pull.commits = headCommits;
    pull.stats = {
      additions: files.reduce((sum, file) => sum + file.additions, 0),
      deletions: files.reduce((sum, file) => sum + file.deletions, 0),
      changedFiles: files.length,
    };
    pull.baseSha = baseTip;
    pull.merged = true;
    pull.mergedAt = now;
    pull.mergedBy = actor;
    pull.mergeMethod = request.method;
    pull.mergeCommitSha = newTip;
    pull.landed = landed;
    recordEvent(ctx, repo, issue, { event: 'merged', actor, commitId: newTip });
    closeIssue(ctx, repo, issue, actor, null);
    if (pull.baseRef === (await repo.git.defaultBranch())) closeLinkedIssues(ctx, repo, issue, actor, newTip);
    return newTip;
  }
  throw conflict('Base branch was modified. Review and try the merge again.');
}
