import { type IssueRef, isSameRepo, linkedIssues, type RepoRef } from '../core/linked-issues.js';
import type { GitHub } from './client.js';

export interface LinkedIssue extends IssueRef {
  title: string;
  labels: string[];
}

export interface IssueLinks {
  /** Issues of this repository the PR closes, checked to exist and to be issues, not PRs. */
  issues: LinkedIssue[];
  /** Issues in other repositories: counted as links, but this run's token cannot label them. */
  elsewhere: IssueRef[];
  /** References that do not name an issue, with the reason. */
  invalid: { ref: IssueRef; reason: string }[];
}

/** The issues a PR links with closing keywords in its title or body, as GitHub will close them on merge. */
export async function resolveIssueLinks(
  github: GitHub,
  repo: RepoRef,
  pr: { number: number; title: string; body: string | null },
): Promise<IssueLinks> {
  const links: IssueLinks = { issues: [], elsewhere: [], invalid: [] };
  for (const ref of linkedIssues(`${pr.title}\n${pr.body ?? ''}`, repo)) {
    if (!isSameRepo(ref, repo)) {
      links.elsewhere.push(ref);
      continue;
    }
    if (ref.number === pr.number) {
      links.invalid.push({ ref, reason: 'the pull request itself' });
      continue;
    }
    try {
      const { data } = await github.rest.issues.get({ ...repo, issue_number: ref.number });
      if (data.pull_request) links.invalid.push({ ref, reason: 'a pull request, not an issue' });
      else {
        links.issues.push({
          ...ref,
          title: data.title,
          labels: data.labels.map((label) => (typeof label === 'string' ? label : (label.name ?? ''))),
        });
      }
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
      links.invalid.push({ ref, reason: 'no such issue' });
    }
  }
  return links;
}
