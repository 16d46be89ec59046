import { validationFailed } from '../api-error.js';
import type { EmulatorContext, Repository } from '../context.js';
import { linkHeader, pageOf } from '../pagination.js';
import { isPull, syncPull } from '../pull-requests.js';
import * as json from '../representations.js';
import { route } from '../router.js';
import { inRange, parseSearchQuery, type SearchQuery } from '../search-query.js';
import type { IssueRecord } from '../state.js';
import { ok } from './repos.js';

/** GET /search/issues over every repository the emulator has seen. */

function matches(ctx: EmulatorContext, repo: Repository, issue: IssueRecord, query: SearchQuery): boolean {
  const pull = issue.pull;
  if (query.kind === 'pr' && !pull) return false;
  if (query.kind === 'issue' && pull) return false;
  if (query.state && issue.state !== query.state) return false;
  if (query.merged !== undefined && (!pull || pull.merged !== query.merged)) return false;
  if (query.draft !== undefined && (!pull || pull.draft !== query.draft)) return false;
  const labels = json.issueLabels(ctx, repo, issue).map((label) => label.name.toLowerCase());
  if (!query.labels.every((anyOf) => anyOf.some((name) => labels.includes(name)))) return false;
  if (query.excludedLabels.some((name) => labels.includes(name))) return false;
  if (query.noLabel && labels.length > 0) return false;
  if (query.base && pull?.baseRef !== query.base) return false;
  if (query.head && pull?.headRef !== query.head) return false;
  if (query.author && issue.user.toLowerCase() !== query.author) return false;
  if (query.assignee && !issue.assignees.some((login) => login.toLowerCase() === query.assignee))
    return false;
  const dates: Record<string, Date | null> = {
    merged: pull?.mergedAt ?? null,
    created: issue.createdAt,
    closed: issue.closedAt,
    updated: issue.updatedAt,
  };
  for (const [field, range] of Object.entries(query.dates)) {
    if (!inRange(dates[field] ?? null, range)) return false;
  }
  const text = `${issue.title}\n${issue.body ?? ''}`.toLowerCase();
  return query.words.every((word) => text.includes(word));
}

export const searchRoutes = [
  route('GET', '/search/issues', async (request, ctx) => {
    const q = request.query.get('q');
    if (!q?.trim()) throw validationFailed({ resource: 'Search', field: 'q', code: 'missing' });
    const query = parseSearchQuery(q);
    if (query.unsupported.length > 0) {
      throw validationFailed({
        resource: 'Search',
        field: 'q',
        code: 'invalid',
        message: `The GitHub emulator does not support ${query.unsupported.join(', ')} (see docs/emulator.md).`,
      });
    }
    const repos: Repository[] = [];
    for (const state of ctx.state.allRepos()) {
      if (query.repos.length && !query.repos.includes(`${state.owner}/${state.name}`.toLowerCase())) continue;
      const repo = ctx.findRepository(state.owner, state.name);
      if (repo) repos.push(repo);
    }
    const found: Array<{ repo: Repository; issue: IssueRecord }> = [];
    for (const repo of repos) {
      for (const issue of repo.state.issues.values()) {
        if (isPull(issue)) await syncPull(ctx, repo, issue);
        if (matches(ctx, repo, issue, query)) found.push({ repo, issue });
      }
    }
    const sort = request.query.get('sort');
    const order = request.query.get('order') === 'asc' ? 1 : -1;
    const comments = (entry: { repo: Repository; issue: IssueRecord }) =>
      entry.repo.state.comments.filter((comment) => comment.issueNumber === entry.issue.number).length;
    const key = (entry: { repo: Repository; issue: IssueRecord }) =>
      sort === 'updated'
        ? entry.issue.updatedAt.getTime()
        : sort === 'comments'
          ? comments(entry)
          : entry.issue.createdAt.getTime();
    found.sort((a, b) => (key(a) - key(b) || a.issue.id - b.issue.id) * order);

    // GitHub's search gives at most 1000 results.
    const reachable = found.slice(0, 1000);
    const page = pageOf(request.query);
    const items = reachable.slice((page.page - 1) * page.perPage, page.page * page.perPage);
    const link = linkHeader(request.url, page, reachable.length);
    return ok(
      {
        total_count: found.length,
        incomplete_results: false,
        items: items.map(({ repo, issue }) => ({ ...json.issue(ctx, repo, issue), score: 1 })),
        // After items: octokit.paginate takes the first key it does not know as the list.
        search_type: 'lexical',
      },
      link ? { link } : {},
    );
  }),
];
