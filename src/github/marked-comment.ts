import type { IssueRef } from '../core/linked-issues.js';
import type { GitHub } from './client.js';

/**
 * A comment posted at most once: its body carries a hidden marker, and a rerun that finds the
 * marker on the issue or PR posts nothing. One paged request to look, one to post.
 */
export async function commentOnce(
  github: GitHub,
  target: IssueRef,
  marker: string,
  body: string,
  dryRun: boolean,
): Promise<'posted' | 'already-there' | 'would-post'> {
  const tag = `<!-- ${marker} -->`;
  const repo = { owner: target.owner, repo: target.repo };
  const comments = await github.paginate(github.rest.issues.listComments, {
    ...repo,
    issue_number: target.number,
    per_page: 100,
  });
  if (comments.some((comment) => comment.body?.includes(tag))) return 'already-there';
  if (dryRun) return 'would-post';
  await github.rest.issues.createComment({ ...repo, issue_number: target.number, body: `${body}\n\n${tag}` });
  return 'posted';
}
