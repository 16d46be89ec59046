/** An issue a pull request says it closes, possibly in another repository. */
export interface IssueRef {
  owner: string;
  repo: string;
  number: number;
}

export interface RepoRef {
  owner: string;
  repo: string;
}

// GitHub's closing keywords: https://docs.github.com/en/issues/tracking-your-work-with-issues/linking-a-pull-request-to-an-issue
const KEYWORDS = 'close|closes|closed|fix|fixes|fixed|resolve|resolves|resolved';
const NAME = '[A-Za-z0-9_.-]+';
const REFERENCE = new RegExp(
  `(?:^|[^A-Za-z0-9_])(?:${KEYWORDS})\\s*:?\\s+(?:(${NAME})/(${NAME}))?#(\\d+)\\b` +
    `|(?:^|[^A-Za-z0-9_])(?:${KEYWORDS})\\s*:?\\s+https?://[^/\\s]+/(${NAME})/(${NAME})/issues/(\\d+)\\b`,
  'gi',
);

/**
 * The issues a PR body (or title) links with closing keywords: `fixes #12`, `Closes: owner/repo#12`,
 * `resolves https://github.com/owner/repo/issues/12`. Code spans and HTML comments do not count, as
 * on GitHub. Each issue is listed once, in order of first mention.
 */
export function linkedIssues(text: string | null | undefined, here: RepoRef): IssueRef[] {
  if (!text) return [];
  const prose = text
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/`[^`\n]*`/g, ' ');
  const found = new Map<string, IssueRef>();
  for (const match of prose.matchAll(REFERENCE)) {
    const [, owner, repo, number, urlOwner, urlRepo, urlNumber] = match;
    const ref: IssueRef = number
      ? { owner: owner ?? here.owner, repo: repo ?? here.repo, number: Number(number) }
      : { owner: urlOwner!, repo: urlRepo!, number: Number(urlNumber) };
    const key = issueKey(ref);
    if (!found.has(key)) found.set(key, ref);
  }
  return [...found.values()];
}

export function issueKey(ref: IssueRef): string {
  return `${ref.owner}/${ref.repo}#${ref.number}`.toLowerCase();
}

export function isSameRepo(ref: RepoRef, here: RepoRef): boolean {
  return (
    ref.owner.toLowerCase() === here.owner.toLowerCase() && ref.repo.toLowerCase() === here.repo.toLowerCase()
  );
}

/** `#12` for this repository, `owner/repo#12` for another. */
export function formatIssue(ref: IssueRef, here: RepoRef): string {
  return isSameRepo(ref, here) ? `#${ref.number}` : `${ref.owner}/${ref.repo}#${ref.number}`;
}
