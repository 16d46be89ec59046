import { forbidden, notFound, validationFailed } from '../api-error.js';
import type { EmulatorContext, Repository } from '../context.js';
import {
  closeIssue,
  findIssue,
  issueNumber,
  newIssue,
  recordReferences,
  renameIssue,
  reopenIssue,
} from '../issue-activity.js';
import { mergePullRequest, parseMergeMethod } from '../merge.js';
import { direction, paginate } from '../pagination.js';
import { atLeast } from '../permissions.js';
import { isPull, type PullIssue, pullCommits, pullJson, syncPull } from '../pull-requests.js';
import * as json from '../representations.js';
import { type EmulatorRequest, route } from '../router.js';
import { commitFor, ok, repoOf } from './repos.js';

function pullOf(repo: Repository, request: EmulatorRequest): PullIssue {
  const issue = findIssue(repo, issueNumber(request.params.pull_number));
  if (!isPull(issue)) throw notFound();
  return issue;
}

function missing(field: string) {
  return validationFailed({ resource: 'PullRequest', code: 'missing_field', field });
}

function custom(message: string) {
  return validationFailed({ resource: 'PullRequest', code: 'custom', message });
}

async function createPull(request: EmulatorRequest, ctx: EmulatorContext) {
  const repo = repoOf(request, ctx);
  const actor = ctx.requireUser(request.user);
  const body = request.body ?? {};
  const fromIssue = body.issue !== undefined ? findIssue(repo, Number(body.issue)) : undefined;
  if (fromIssue?.pull) throw custom(`#${fromIssue.number} is already a pull request`);
  if (typeof body.head !== 'string' || !body.head) throw missing('head');
  if (typeof body.base !== 'string' || !body.base) throw missing('base');
  if (!fromIssue && (typeof body.title !== 'string' || !body.title.trim())) throw missing('title');

  const [headOwner, headRef] = body.head.includes(':')
    ? body.head.split(/:(.*)/s, 2)
    : [repo.owner, body.head];
  const headRepoName = typeof body.head_repo === 'string' && body.head_repo ? body.head_repo : repo.name;
  const sameRepo =
    headOwner.toLowerCase() === repo.owner.toLowerCase() &&
    headRepoName.toLowerCase() === repo.name.toLowerCase();
  const head = sameRepo ? repo : ctx.findRepository(headOwner, headRepoName);
  const headSha = head ? await head.git.branchSha(headRef) : undefined;
  if (!head || !headSha) throw validationFailed({ resource: 'PullRequest', code: 'invalid', field: 'head' });
  const baseSha = await repo.git.branchSha(body.base);
  if (!baseSha) throw validationFailed({ resource: 'PullRequest', code: 'invalid', field: 'base' });

  const duplicate = [...repo.state.issues.values()].find(
    (issue) =>
      issue.pull &&
      issue.state === 'open' &&
      issue.pull.baseRef === body.base &&
      issue.pull.headRef === headRef &&
      issue.pull.headOwner.toLowerCase() === headOwner.toLowerCase(),
  );
  if (duplicate) throw custom(`A pull request already exists for ${headOwner}:${headRef}.`);

  const issue = fromIssue ?? newIssue(ctx, repo, { title: body.title, body: body.body, user: actor });
  issue.pull = {
    id: ctx.state.nextId(),
    headOwner: head.owner,
    headRepo: head.name,
    headRef,
    headSha,
    baseRef: body.base,
    baseSha,
    draft: body.draft === true,
    maintainerCanModify: body.maintainer_can_modify !== false && head !== repo,
    merged: false,
    mergedAt: null,
    mergedBy: null,
    mergeCommitSha: null,
    mergeMethod: null,
    commits: null,
    landed: [],
    stats: null,
  };
  const pullIssue = issue as PullIssue;
  try {
    await syncPull(ctx, repo, pullIssue);
    if ((await pullCommits(repo, pullIssue)).length === 0) {
      throw custom(`No commits between ${body.base} and ${headRef}`);
    }
  } catch (error) {
    delete issue.pull;
    throw error;
  }
  if (!fromIssue) repo.state.issues.set(issue.number, issue);
  recordReferences(ctx, repo, issue, issue.body, actor);
  return { status: 201, body: await pullJson(ctx, repo, pullIssue, true) };
}

function sortPulls(pulls: PullIssue[], sort: string, order: 'asc' | 'desc') {
  const key = (issue: PullIssue) =>
    sort === 'updated'
      ? issue.updatedAt.getTime()
      : sort === 'popularity'
        ? 0
        : sort === 'long-running'
          ? -issue.createdAt.getTime()
          : issue.createdAt.getTime();
  const sorted = [...pulls].sort((a, b) => key(a) - key(b) || a.number - b.number);
  return order === 'asc' ? sorted : sorted.reverse();
}

export const pullRoutes = [
  route('POST', '/repos/{owner}/{repo}/pulls', createPull),

  route('GET', '/repos/{owner}/{repo}/pulls', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const state = request.query.get('state') ?? 'open';
    if (!['open', 'closed', 'all'].includes(state)) {
      throw validationFailed({ resource: 'PullRequest', code: 'invalid', field: 'state' });
    }
    const headFilter = request.query.get('head');
    const baseFilter = request.query.get('base');
    const sort = request.query.get('sort') ?? 'created';
    const order = direction(request.query, sort === 'created' || !request.query.has('sort') ? 'desc' : 'asc');
    const pulls = [...repo.state.issues.values()].filter(isPull);
    for (const issue of pulls) await syncPull(ctx, repo, issue);
    const matching = pulls.filter((issue) => {
      if (state !== 'all' && issue.state !== state) return false;
      if (baseFilter && issue.pull.baseRef !== baseFilter) return false;
      if (headFilter) {
        const [owner, ref] = headFilter.includes(':')
          ? headFilter.split(/:(.*)/s, 2)
          : [headFilter, undefined];
        if (issue.pull.headOwner.toLowerCase() !== owner!.toLowerCase()) return false;
        if (ref !== undefined && issue.pull.headRef !== ref) return false;
      }
      return true;
    });
    const page = paginate(sortPulls(matching, sort, order), request.url, request.query);
    const items = [];
    for (const issue of page.items) items.push(await pullJson(ctx, repo, issue, false));
    return ok(items, page.headers);
  }),

  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = pullOf(repo, request);
    await syncPull(ctx, repo, issue);
    return ok(await pullJson(ctx, repo, issue, true));
  }),

  route('PATCH', '/repos/{owner}/{repo}/pulls/{pull_number}', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = pullOf(repo, request);
    const actor = ctx.requireUser(request.user);
    if (actor.toLowerCase() !== issue.user.toLowerCase() && !atLeast(ctx.roleOf(repo, actor), 'write')) {
      throw forbidden('Must have push access to update this pull request');
    }
    const body = request.body ?? {};
    await syncPull(ctx, repo, issue);
    if (typeof body.base === 'string' && body.base !== issue.pull.baseRef) {
      if (!(await repo.git.branchSha(body.base))) {
        throw validationFailed({ resource: 'PullRequest', code: 'invalid', field: 'base' });
      }
      if (issue.pull.merged) throw custom('Cannot change the base branch of a merged pull request');
      issue.pull.baseRef = body.base;
    }
    if (typeof body.title === 'string' && body.title.trim())
      renameIssue(ctx, repo, issue, body.title.trim(), actor);
    if (body.body !== undefined) {
      issue.body = body.body;
      recordReferences(ctx, repo, issue, issue.body, actor);
    }
    if (typeof body.maintainer_can_modify === 'boolean')
      issue.pull.maintainerCanModify = body.maintainer_can_modify;
    if (body.state === 'closed' && issue.state === 'open') {
      issue.pull.commits = await pullCommits(repo, issue);
      closeIssue(ctx, repo, issue, actor, null);
    } else if (body.state === 'open' && issue.state === 'closed') {
      if (issue.pull.merged) throw custom('state cannot be changed. The pull request cannot be reopened.');
      issue.pull.commits = null;
      reopenIssue(ctx, repo, issue, actor);
    } else if (body.state !== undefined && body.state !== 'open' && body.state !== 'closed') {
      throw validationFailed({ resource: 'PullRequest', code: 'invalid', field: 'state' });
    }
    issue.updatedAt = ctx.state.now();
    await syncPull(ctx, repo, issue);
    return ok(await pullJson(ctx, repo, issue, true));
  }),

  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/commits', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = pullOf(repo, request);
    await syncPull(ctx, repo, issue);
    const shas = (await pullCommits(repo, issue)).slice(0, 250);
    const page = paginate(shas, request.url, request.query);
    const infos = await repo.git.commits(page.items);
    return ok(
      infos.map((info) => json.commit(ctx, repo, info)),
      page.headers,
    );
  }),

  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/files', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = pullOf(repo, request);
    await syncPull(ctx, repo, issue);
    const mergeBase = await repo.git.mergeBase(issue.pull.baseSha, issue.pull.headSha);
    const files = await repo.git.diff(mergeBase, issue.pull.headSha);
    const page = paginate(files, request.url, request.query);
    return ok(
      page.items.map((file) => json.diffEntry(ctx, repo, issue.pull.headSha, file)),
      page.headers,
    );
  }),

  route('GET', '/repos/{owner}/{repo}/pulls/{pull_number}/merge', (request, ctx) => {
    const repo = repoOf(request, ctx);
    const issue = pullOf(repo, request);
    if (!issue.pull.merged) throw notFound();
    return { status: 204 };
  }),

  route('PUT', '/repos/{owner}/{repo}/pulls/{pull_number}/merge', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const actor = ctx.requireRole(
      repo,
      request.user,
      'write',
      'Must have push access to merge this pull request',
    );
    const issue = pullOf(repo, request);
    const body = request.body ?? {};
    const sha = await mergePullRequest(ctx, repo, issue, actor, {
      method: parseMergeMethod(body.merge_method),
      sha: typeof body.sha === 'string' ? body.sha : undefined,
      commitTitle: typeof body.commit_title === 'string' ? body.commit_title : undefined,
      commitMessage: typeof body.commit_message === 'string' ? body.commit_message : undefined,
    });
    return ok({ sha, merged: true, message: 'Pull Request successfully merged' });
  }),

  route('GET', '/repos/{owner}/{repo}/commits/{commit_sha}/pulls', async (request, ctx) => {
    const repo = repoOf(request, ctx);
    const sha = await commitFor(repo, request.params.commit_sha!);
    const defaultBranch = await repo.git.defaultBranch();
    const defaultTip = await repo.git.branchSha(defaultBranch);
    const onDefault = defaultTip ? await repo.git.isAncestor(sha, defaultTip) : false;
    const found: PullIssue[] = [];
    for (const issue of [...repo.state.issues.values()].filter(isPull)) {
      await syncPull(ctx, repo, issue);
      const pull = issue.pull;
      if (onDefault && !pull.merged) continue;
      const contains =
        pull.mergeCommitSha === sha ||
        pull.landed.includes(sha) ||
        (await pullCommits(repo, issue)).includes(sha);
      if (contains) found.push(issue);
    }
    const page = paginate(found, request.url, request.query);
    const items = [];
    for (const issue of page.items) items.push(await pullJson(ctx, repo, issue, false));
    return ok(items, page.headers);
  }),
];
